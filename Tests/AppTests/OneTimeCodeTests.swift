import App
import Domain
import Foundation
import Services
import Testing
import TestSupport
import VaporTesting

/// One-time codes by SMS: a code works once, within five minutes, and five wrong tries end it; a new one is sent
/// at most once a minute; only a salted digest is stored.
@Suite struct OneTimeCodeTests {
    @Test(arguments: Backend.allCases)
    func aCodeWorksOnceInTimeAndNotAfterFiveWrongTries(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let clock = TestClock("2026-03-02")
            let services = app.services(clock: clock.clock)
            let phone = "13800000009"
            let masked = try await OneTimeCodes.send(services, purpose: .contractSigning, subject: "application:1", phone: phone)
            #expect(masked == "138****0009")
            let code = try #require(app.smsOutbox?.lastCode(to: phone))
            #expect(app.smsOutbox?.messages(to: phone).last?.text.contains("签署借款合同") == true)
            #expect(try await count(app, "one_time_codes") == 1)

            // A resend inside the minute is refused; a wrong code says how many tries are left.
            await #expect(throws: DomainError.self) {
                try await OneTimeCodes.send(services, purpose: .contractSigning, subject: "application:1", phone: phone)
            }
            let wrong = code == "000000" ? "111111" : "000000"
            do {
                try await OneTimeCodes.verify(services, purpose: .contractSigning, subject: "application:1", code: wrong)
                Issue.record("a wrong code was accepted")
            } catch let error as DomainError { #expect(error.message.contains("还可尝试 4 次")) }
            // Another subject's or purpose's code does not match.
            await #expect(throws: DomainError.self) {
                try await OneTimeCodes.verify(services, purpose: .registration, subject: "application:1", code: code)
            }
            #expect(try await OneTimeCodes.verify(services, purpose: .contractSigning, subject: "application:1", code: code) == phone)
            // Used up.
            await #expect(throws: DomainError.self) {
                try await OneTimeCodes.verify(services, purpose: .contractSigning, subject: "application:1", code: code)
            }

            // Expired after five minutes.
            clock.advance(seconds: 61)
            try await OneTimeCodes.send(services, purpose: .contractSigning, subject: "application:1", phone: phone)
            let second = try #require(app.smsOutbox?.lastCode(to: phone))
            clock.advance(seconds: 301)
            do {
                try await OneTimeCodes.verify(services, purpose: .contractSigning, subject: "application:1", code: second)
                Issue.record("an expired code was accepted")
            } catch let error as DomainError { #expect(error.message.contains("已过期")) }

            // Five wrong tries end a code, even the right one after them.
            try await OneTimeCodes.send(services, purpose: .contractSigning, subject: "application:1", phone: phone)
            let third = try #require(app.smsOutbox?.lastCode(to: phone))
            let bad = third == "000000" ? "111111" : "000000"
            for _ in 1...5 {
                _ = try? await OneTimeCodes.verify(services, purpose: .contractSigning, subject: "application:1", code: bad)
            }
            await #expect(throws: DomainError.self) {
                try await OneTimeCodes.verify(services, purpose: .contractSigning, subject: "application:1", code: third)
            }
            // No phone on file: a clear refusal.
            await #expect(throws: DomainError.self) {
                try await OneTimeCodes.send(services, purpose: .contractSigning, subject: "application:2", phone: nil)
            }
        }
    }

    /// Each registration code is an SMS a stranger can ask for: one client address cycling through phone numbers is
    /// slowed after ten an hour, while another address is not.
    @Test func oneAddressCannotSendRegistrationCodesAtWill() async throws {
        try await withTestApp(.sqlite) { app in
            let clock = TestClock("2026-03-02")
            let services = app.services(clock: clock.clock)
            let stranger = ClientAddress(text: "203.0.113.9")
            for n in 0..<10 { try await FirmRegistration.sendCode(services, phone: "1390000\(1000 + n)", from: stranger) }
            do {
                try await FirmRegistration.sendCode(services, phone: "13900002000", from: stranger)
                Issue.record("an eleventh code in the hour was sent")
            } catch let error as DomainError { #expect(error.message.contains("获取验证码过于频繁")) }
            #expect(app.smsOutbox?.messages(to: "13900002000").isEmpty == true, "no SMS went out")
            try await FirmRegistration.sendCode(services, phone: "13900002000", from: ClientAddress(text: "198.51.100.7"))
            // After its wait, the address may ask again.
            clock.advance(seconds: 2)
            try await FirmRegistration.sendCode(services, phone: "13900002001", from: stranger)
        }
    }
}

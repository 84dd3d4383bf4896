import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport

/// Sign-in as a use case, on a clock the test moves: the waits per client address double and run out, the
/// account is not locked by strangers, and an unknown name costs the same work as a known one.
@Suite struct SignInThrottleTests {
    static let password = "right-password-1"

    /// An active clerk account whose password the counting hasher knows.
    func clerk(_ accounts: AccountStore, _ hasher: CountingHasher, status: AccountStatus = .active) async throws -> String {
        try await accounts.createUser(username: "clerk", displayName: "职员", passwordHash: try await hasher.hash(Self.password),
                                          role: .creditCenter, departmentID: nil, status: status)
        return try #require(try await accounts.user(username: "clerk")).passwordHash
    }

    @Test func anUnknownNameIsCheckedAgainstTheDummyHash() async throws {
        try await withTestApp(.sqlite) { app in
            let hasher = CountingHasher()
            let context = app.services(clock: TestClock("2026-03-02").clock, passwords: hasher)
            let hash = try await clerk(app.accounts, hasher)
            let address = ClientAddress(text: "203.0.113.7")
            #expect(try await SignIn.attempt(context, username: "nobody", password: "guess-guess", from: address)
                    == .refused(.badCredentials))
            #expect(try await SignIn.attempt(context, username: "clerk", password: "guess-guess", from: address)
                    == .refused(.badCredentials))
            // One verification each: the unknown name's against the dummy hash, the clerk's against its own.
            #expect(hasher.verified == [SignIn.dummyHash, hash])
        }
    }

    /// The dummy hash is a bcrypt hash of the same cost as the app's, so checking it takes as long.
    @Test func theDummyHashCostsWhatARealOneCosts() async throws {
        try await withTestApp(.sqlite) { app in
            let bcrypt = app.services.passwords
            let real = try await bcrypt.hash(Self.password)
            #expect(real.prefix(7) == SignIn.dummyHash.prefix(7))
            #expect(try await !bcrypt.verify(Self.password, created: SignIn.dummyHash))
        }
    }

    @Test func waitsPerAddressDoubleAndRunOut() async throws {
        try await withTestApp(.sqlite) { app in
            let hasher = CountingHasher()
            let time = TestClock("2026-03-02")
            let context = app.services(clock: time.clock, passwords: hasher)
            _ = try await clerk(app.accounts, hasher)
            let guesser = ClientAddress(text: "203.0.113.7")
            func attempt(_ password: String, from address: ClientAddress = guesser) async throws -> SignIn.Outcome {
                try await SignIn.attempt(context, username: "clerk", password: password, from: address)
            }
            for _ in 1...5 { #expect(try await attempt("wrong-password") == .refused(.badCredentials)) }
            // After the fifth failure the address waits 1 s: even the right password is refused, unchecked.
            let checked = hasher.verified.count
            #expect(try await attempt(Self.password) == .refused(.wait(seconds: 1)))
            #expect(hasher.verified.count == checked)
            // Another address is not held up, and the account is not locked.
            guard case .signedIn = try await attempt(Self.password, from: ClientAddress(text: "198.51.100.20")) else {
                Issue.record("the owner at another address was refused")
                return
            }
            // Each further failure doubles the wait, up to 15 minutes.
            var expected = 1
            for _ in 6...16 {
                time.advance(seconds: TimeInterval(expected))
                #expect(try await attempt("wrong-password") == .refused(.badCredentials))
                expected = min(expected * 2, 900)
                #expect(try await attempt("wrong-password") == .refused(.wait(seconds: expected)))
            }
            #expect(expected == 900)
            time.advance(seconds: 899)
            #expect(try await attempt(Self.password) == .refused(.wait(seconds: 1)))
            // Once the wait is over, the count is still remembered: the next failure waits the longest again…
            time.advance(seconds: 1)
            #expect(try await attempt("wrong-password") == .refused(.badCredentials))
            #expect(try await attempt("wrong-password") == .refused(.wait(seconds: 900)))
            // …until the address has gone 15 minutes without failing or waiting: then its failures are free again.
            time.advance(seconds: 900 + 900)
            for _ in 1...4 { #expect(try await attempt("wrong-password") == .refused(.badCredentials)) }
            guard case .signedIn(let user) = try await attempt(Self.password) else {
                Issue.record("the right password was refused after the count ran out")
                return
            }
            // 21 wrong passwords in all, below the account's ceiling (50): the account was never locked, and
            // signing in starts its count again.
            #expect(user.lockedUntil == nil)
            let stored = try #require(try await app.accounts.user(username: "clerk"))
            #expect(stored.failedLogins == 0 && stored.lockedUntil == nil)
        }
    }

    /// Only guessing spread over many addresses reaches the account's ceiling; the lock then reads like a
    /// wrong password, refuses the right one too, and runs out on the clock.
    @Test func theAccountCeilingLocksQuietlyAndRunsOut() async throws {
        try await withTestApp(.sqlite, environment: ["XYD_LOGIN_MAX_FAILURES": "3", "XYD_LOGIN_LOCK_MINUTES": "15"]) { app in
            let hasher = CountingHasher()
            let time = TestClock("2026-03-02")
            let context = app.services(clock: time.clock, passwords: hasher)
            _ = try await clerk(app.accounts, hasher)
            for host in 1...3 {
                #expect(try await SignIn.attempt(context, username: "clerk", password: "wrong-password",
                                                 from: ClientAddress(text: "192.0.2.\(host)")) == .refused(.badCredentials))
            }
            let owner = ClientAddress(text: "198.51.100.20")
            #expect(try await SignIn.attempt(context, username: "clerk", password: Self.password, from: owner)
                    == .refused(.badCredentials))
            time.advance(seconds: 15 * 60)
            guard case .signedIn = try await SignIn.attempt(context, username: "clerk", password: Self.password, from: owner) else {
                Issue.record("the lock did not run out")
                return
            }
        }
    }

    /// Pending and disabled accounts say so only to someone who gave the right password.
    @Test func pendingIsToldOnlyAfterTheRightPassword() async throws {
        try await withTestApp(.sqlite) { app in
            let hasher = CountingHasher()
            let context = app.services(clock: TestClock("2026-03-02").clock, passwords: hasher)
            _ = try await clerk(app.accounts, hasher, status: .pending)
            let address = ClientAddress(text: "203.0.113.7")
            #expect(try await SignIn.attempt(context, username: "clerk", password: "wrong-password", from: address)
                    == .refused(.badCredentials))
            #expect(try await SignIn.attempt(context, username: "clerk", password: Self.password, from: address)
                    == .refused(.pending))
            let id = try #require(try await app.accounts.user(username: "clerk")).id
            try await app.accounts.setStatus(userID: id, .disabled)
            #expect(try await SignIn.attempt(context, username: "clerk", password: "wrong-password", from: address)
                    == .refused(.badCredentials))
            #expect(try await SignIn.attempt(context, username: "clerk", password: Self.password, from: address)
                    == .refused(.disabled))
        }
    }

    /// Attempts are charged when admitted, so a burst of parallel guesses from one address gets no more than
    /// the free ones checked.
    @Test func aParallelBurstGetsOnlyTheFreeAttempts() async throws {
        try await withTestApp(.sqlite) { app in
            let hasher = CountingHasher()
            let context = app.services(clock: TestClock("2026-03-02").clock, passwords: hasher)
            _ = try await clerk(app.accounts, hasher)
            let address = ClientAddress(text: "203.0.113.7")
            let outcomes = try await withThrowingTaskGroup(of: SignIn.Outcome.self) { group in
                for n in 0..<20 {
                    group.addTask { try await SignIn.attempt(context, username: "clerk", password: "guess-\(n)-guess", from: address) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .refused(.badCredentials) }.count == 5)
            #expect(outcomes.filter { if case .refused(.wait) = $0 { true } else { false } }.count == 15)
            #expect(hasher.verified.count == 5)
            // The account counted all five, though they were checked at the same time.
            #expect(try await app.accounts.user(username: "clerk")?.failedLogins == 5)
        }
    }

    @Test func theThrottleRemembersABoundedNumberOfAddresses() async throws {
        let throttle = SignInThrottle()
        let policy = SignInPolicy(trackedAddresses: 3)
        let start = TestClock.noon("2026-03-02")
        for host in 1...5 {
            _ = await throttle.admit(ClientAddress(text: "192.0.2.\(host)"), now: start, policy: policy)
        }
        #expect(await throttle.trackedCount == 3)
        // Fifteen minutes later the three are forgotten: a new address makes room by dropping them all.
        _ = await throttle.admit(ClientAddress(text: "192.0.2.9"), now: start.addingTimeInterval(policy.window), policy: policy)
        #expect(await throttle.trackedCount == 1)
    }

    @Test func addressesAreThePeerWithIPv6CountedByItsSlash64() {
        #expect(ClientAddress(peer: nil).description == "unknown")
        #expect(ClientAddress(text: "203.0.113.7").description == "203.0.113.7")
        #expect(ClientAddress(text: "2001:db8:aa:1::1").description == "2001:db8:aa:1::/64")
        #expect(ClientAddress(text: "2001:db8:aa:1:ffff:2:3:4") == ClientAddress(text: "2001:0db8:00aa:0001::9"))
        #expect(ClientAddress(text: "2001:db8:aa:2::1") != ClientAddress(text: "2001:db8:aa:1::1"))
        #expect(ClientAddress(text: "::ffff:203.0.113.7") == ClientAddress(text: "203.0.113.7"))
        #expect(ClientAddress(text: "::1").description == "0:0:0:0::/64")
    }
}

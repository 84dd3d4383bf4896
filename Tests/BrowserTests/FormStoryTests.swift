import App
import Domain
import Foundation
import Testing
import TestSupport
import Vapor

/// Forms in a real headless Chromium (issue 16, "Forms and errors"): the browser refuses what it can check itself
/// (a phone number, a user name), and a form the server refuses comes back as it was typed with every reason under
/// its own field, in Chinese, at desktop and phone width. Screenshots in `.build/artefacts/form-story`.
@Suite(.serialized) struct FormStoryTests {
    @Test func aRefusedFormKeepsWhatWasTypedAndNamesEveryWrongField() async throws {
        try await withTestApp(.sqlite) { app in
            _ = try await BrowserStory.marketplace(app)
            try await BrowserStory.run(app, name: "form-story") { browser, site in try await story(browser, site: site) }
        }
    }

    func story(_ b: WebDriver, site: String) async throws {
        // 1. Registration: the browser itself refuses a short phone number and a user name with spaces.
        try await b.open("\(site)/register")
        try await b.fill("#register-phone", "1380000")
        try await b.fill("#register-username", "wang wei")
        let phoneValid = try await b.evaluate("return document.querySelector('#register-phone').checkValidity();") as? Bool
        let userValid = try await b.evaluate("return document.querySelector('#register-username').checkValidity();") as? Bool
        #expect(phoneValid == false && userValid == false, "the browser checks the pattern before sending")
        try await b.fill("#register-phone", "13800000000")
        #expect(try await b.evaluate("return document.querySelector('#register-phone').checkValidity();") as? Bool == true)

        // 2. A bank's product: the minimum above the maximum and a rate above the cap, both refused at once by the server.
        try await b.signIn(site, "banka-admin")
        try await b.open("\(site)/bank/products")
        try await b.fill("#new-product-name", "甲行科创贷")
        try await b.fill("#new-product-min_amount", "900000")
        try await b.fill("#new-product-max_amount", "800000")
        try await b.fill("#new-product-min_rate", "3.5")
        try await b.fill("#new-product-max_rate", "6.2")
        try await b.fill("#new-product-min_term", "6")
        try await b.fill("#new-product-max_term", "24")
        try await b.click("#new-product button[type=submit]")
        try await b.waitForText("2 处需要修改")
        let text = try await b.pageText()
        #expect(text.contains("超过平台上限"), "the cap is named")
        #expect(text.contains("不能高于最高额度"))
        #expect(!text.contains("rateRange") && !text.contains("amountRange"), "never an English key")
        // Each reason sits under its own field, and what was typed is still there.
        let underRate = try await b.evaluate("""
            var f = document.querySelector('#new-product-max_rate').closest('.field');
            return f ? f.querySelector('.field-error').textContent : '';
            """) as? String ?? ""
        #expect(underRate.contains("超过平台上限"), "\(underRate)")
        let underAmount = try await b.evaluate("""
            var f = document.querySelector('#new-product-max_amount').closest('.field');
            return f ? f.querySelector('.field-error').textContent : '';
            """) as? String ?? ""
        #expect(underAmount.contains("不能高于最高额度"), "\(underAmount)")
        #expect(try await b.value("#new-product-name") == "甲行科创贷")
        #expect(try await b.value("#new-product-min_amount") == "900000")
        #expect(try await b.value("#new-product-max_rate") == "6.2")
        let focused = try await b.evaluate("return document.activeElement ? document.activeElement.getAttribute('aria-invalid') : null;") as? String
        #expect(focused == "true", "the first wrong field has the focus")
        try await b.screenshot("product-refused-desktop")
        try await b.resize(width: 390, height: 844)
        #expect(try await b.overflowsHorizontally() == false)
        try await b.screenshot("product-refused-phone")
        try await b.resize(width: 1280, height: 900)

        // 3. Corrected, it is saved.
        try await b.fill("#new-product-min_amount", "50000")
        try await b.fill("#new-product-max_rate", "5.5")
        try await b.click("#new-product button[type=submit]")
        try await b.waitForText("已保存为草稿")
        try await b.signOut()
    }
}

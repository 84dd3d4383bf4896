/// What a firm's registrant agrees to (《个人信息保护法》 asks for informed, explicit consent to processing): the
/// version stored with the registration names the exact text agreed to.
public enum RegistrationConsent {
    public static let version = "2026-12"
    public static let title = "个人信息处理规则"
    public static let paragraphs = [
        "为核实您代表企业注册的身份，平台将处理您填写的法定代表人姓名、手机号码及您上传的营业执照或授权委托书。",
        "上述信息仅用于注册审核、登录安全验证和签署借款合同时的短信验证，保存至账号注销后 3 年，不向金融机构提供。",
        "您可以在“我的信用”中查阅谁在何时依据哪份授权查询了企业的信用信息；如需更正或删除个人信息，可联系信用中心。",
    ]
}

/// A registration's supporting file: the business licence, or an authorisation letter when the registrant is not
/// the legal representative.
public enum RegistrationDocument {
    public static let maxBytes = 5 * 1_048_576
    public static let accepted = ".pdf,.jpg,.jpeg,.png,.ofd"
}

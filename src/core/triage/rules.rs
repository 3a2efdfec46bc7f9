//! The reason codes: every piece of evidence triage can cite, as one table.
//!
//! Each rule has a stable SCREAMING_SNAKE code (part of the data contract: tests,
//! exports and other tools rely on it), a default weight (positive: evidence of
//! spam; negative: evidence of a real buyer), a category that decides the message
//! kind, whether it is *strong* evidence (strong evidence alone makes a message
//! spam, whatever genuine-looking text surrounds it), and a sentence for the rep in
//! English and Chinese. Weights can be overridden per rep in the settings.

/// What a piece of evidence says about the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Credential theft: sign-in links, look-alike domains, HTML/executable "orders".
    Phishing,
    /// Advance-fee and commission scams, tenders, invitation letters.
    Scam,
    /// Service advertising: forwarders, agencies, cooperation pitches.
    Advertising,
    /// Competitors and mass senders fishing for prices.
    PriceFishing,
    /// Generic bulk mail.
    Junk,
    /// What the platform says about the buyer's account.
    Profile,
    /// A sign of a real buyer.
    Genuine,
    /// The rep's own lists and learned filter, and the built-in content model.
    Learned,
}

/// One rule of the table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable code.
    pub code: Code,
    /// Default weight.
    pub weight: f64,
    /// What it says about the message.
    pub category: Category,
    /// Strong evidence makes the message spam on its own.
    pub strong: bool,
    /// Sentence for the rep, English.
    pub en: &'static str,
    /// Sentence for the rep, Chinese.
    pub zh: &'static str,
}

use Category::*;

macro_rules! rules {
    ($($code:ident, $w:expr, $cat:ident, $strong:expr, $en:expr, $zh:expr;)*) => {
        /// Every reason code triage can give. Generated from the table below, so a
        /// code without a rule (or a rule without a code) cannot exist.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $(#[doc = $en] $code,)* }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// The stable wire name (`"CREDENTIAL_LINK"`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code),)* }
            }
        }

        /// Every rule, in table order (the same order as [`Code::ALL`]).
        pub const RULES: &[Rule] = &[$(Rule {
            code: Code::$code, weight: $w, category: $cat, strong: $strong, en: $en, zh: $zh,
        },)*];
    };
}

rules! {
    // --- links ---
    CREDENTIAL_LINK, 7.0, Phishing, true, "a link asks you to sign in or enter a password", "链接要求登录或输入密码";
    LOOKALIKE_DOMAIN, 6.0, Phishing, true, "a link imitates a well-known site", "链接仿冒知名网站";
    MISMATCHED_LINK, 2.5, Phishing, false, "link text names one site but points to another", "链接文字与实际网址不符";
    IP_ADDRESS_LINK, 4.0, Phishing, false, "a link goes to a bare IP address", "链接指向裸 IP 地址";
    SHORTENED_LINK, 2.0, Phishing, false, "a shortened link hides where it goes", "短链接隐藏了真实地址";
    FILE_SHARE_LINK, 1.5, Phishing, false, "a file-sharing or mail-provider link", "文件分享或邮箱服务链接";
    MANY_LINKS, 1.0, Junk, false, "many links", "链接很多";
    ACCOUNT_LURE, 6.0, Phishing, false, "a short warning about your account or mailbox that sends you to a link", "简短的账号或邮箱警告，让你打开链接";
    DOCUMENT_LURE, 6.0, Phishing, false, "a short message whose order or document is only behind an outside link", "短消息，订单或文件只放在外部链接后面";
    // --- attachments ---
    DOUBLE_EXTENSION, 7.0, Phishing, true, "an attachment hides its real type behind a double extension", "附件使用双重扩展名伪装类型";
    DANGEROUS_ATTACHMENT, 6.0, Phishing, true, "an executable, web page or disk-image attachment", "附件为可执行文件、网页或光盘镜像";
    ARCHIVE_ATTACHMENT, 2.5, Phishing, false, "a compressed archive is attached", "附件为压缩包";
    UNEXPLAINED_ORDER_FILE, 3.0, Phishing, false, "an 'order' or 'invoice' file the text does not explain", "附带“订单/发票”文件但正文没有说明";
    ORDER_LINK, 3.5, Phishing, false, "a link to an 'order' or 'document' the text does not explain", "链接指向正文未说明的“订单/文件”";
    ORDER_ARCHIVE, 6.0, Phishing, true, "an order, invoice or payment file sent as a compressed archive", "以压缩包发送的订单、发票或付款文件";
    PASSWORD_ARCHIVE, 7.0, Phishing, true, "a password-protected archive: scanners cannot look inside", "加密压缩包，无法查毒";
    // --- scams ---
    ADVANCE_FEE, 7.0, Scam, true, "asks for a fee or commission to be paid first", "要求先支付费用或佣金";
    PAYMENT_BAIT, 4.0, Scam, false, "claims a payment was sent and asks you to confirm it", "声称已付款并要求确认";
    ACCOUNT_THREAT, 3.5, Phishing, false, "threatens to suspend or close your account", "威胁冻结或关闭账户";
    GOVERNMENT_TENDER, 3.0, Scam, false, "a government tender or contract-award story", "政府招标或合同授予的说法";
    AWARD_BAIT, 3.0, Scam, false, "an award or prize you did not apply for", "未申请却“获奖”";
    ROMANCE_BAIT, 5.0, Scam, false, "personal or romantic approach, not a purchase", "私人或情感接近，并非采购";
    INVITATION_LETTER, 4.0, Scam, false, "asks for an invitation letter or visa help", "要求邀请函或签证协助";
    OVERPAYMENT_REFUND, 7.0, Scam, true, "pays more than owed and wants the balance sent back", "多付款项并要求退还差额";
    AGENT_COMMISSION, 4.0, Scam, false, "an agent wants a commission on the deal", "中间人索要佣金";
    CHANGED_BANK_DETAILS, 6.0, Scam, false, "payment to a changed, personal or third-party account", "付款到变更的、私人的或第三方账户";
    OFF_BANK_PAYMENT, 3.0, Scam, false, "money transfer services, gift cards or crypto instead of a bank", "用汇款公司、礼品卡或加密货币代替银行付款";
    INVESTMENT_PITCH, 6.0, Scam, false, "crypto, trading or investment talk instead of a purchase", "谈加密货币、交易或投资，而非采购";
    // --- advertising ---
    FREIGHT_FORWARDER, 6.0, Advertising, false, "a freight forwarder or logistics company offering its services", "货代或物流公司推销服务";
    SERVICE_AGENCY, 6.0, Advertising, false, "an agency selling SEO, web or marketing services", "推销 SEO、网站或营销服务的代理";
    COOPERATION_PITCH, 1.5, Advertising, false, "a general 'cooperation' pitch", "泛泛的“寻求合作”";
    SELLS_SERVICE, 6.0, Advertising, false, "the sender offers its own services (freight, marketing, data, …)", "发件人在推销自己的服务（货运、营销、数据等）";
    SELLS_GOODS, 5.0, Advertising, false, "the sender is a maker offering its own goods, not buying", "发件人是推销自家产品的厂家，并非采购";
    // --- price fishing ---
    COMPETITOR_PROBE, 3.5, PriceFishing, false, "asks for factory cost, margins or your suppliers", "打听出厂成本、利润或供应商";
    MASS_INQUIRY, 3.0, PriceFishing, false, "the same inquiry goes to many suppliers", "同一询盘群发给很多供应商";
    PRICE_LIST_FISHING, 3.0, PriceFishing, false, "wants prices of everything, names nothing", "只要全部报价，不提具体产品";
    COMPARES_SUPPLIERS, 2.0, PriceFishing, false, "compares suppliers and gives no quantity", "在比较供应商，且未给数量";
    WITHHOLDS_DETAILS, 3.0, PriceFishing, false, "will not give a quantity or details, only wants prices", "不肯给数量或细节，只要价格";
    // --- contact and substance ---
    CONTACT_ONLY, 2.5, Junk, false, "only wants to talk elsewhere and says nothing to quote on", "只想换到别处联系，没有可报价的内容";
    BIG_ORDER_BAIT, 3.5, Junk, false, "promises a big order, names nothing and wants to talk elsewhere", "许诺大单却不提产品和数量，只要换到别处联系";
    PRESSURE_TO_MOVE, 1.5, Junk, false, "pressure to answer elsewhere or open a link", "催促到别处回复或打开链接";
    NOTHING_TO_QUOTE, 2.0, Junk, false, "a word or two and no product card: nothing to quote on", "只有一两个词且没有产品卡片，无法报价";
    EMPTY_MESSAGE, 6.0, Junk, false, "the message is empty", "消息为空";
    TOO_SHORT, 2.0, Junk, false, "a word or two, nothing to quote on", "只有一两个词，无法报价";
    KEYBOARD_MASH, 3.5, Junk, false, "letters typed at random, not words", "随手乱打的字母，不成词语";
    UNRELATED_TEXT, 3.5, Junk, false, "a sentence sent from a product page that has nothing to do with it or with buying", "从产品页发来的一句话，与产品和采购都无关";
    NO_BUYING_WORDS, 2.5, Junk, false, "no product, quantity or buying words at all", "没有产品、数量或任何采购字眼";
    // --- generic bulk mail ---
    UNSUBSCRIBE_FOOTER, 1.5, Junk, false, "bulk-mail unsubscribe wording", "群发邮件的退订字样";
    MONEY_OFFER, 2.5, Junk, false, "offers easy money, prizes or loans", "承诺轻松赚钱、中奖或贷款";
    PHARMA_ADULT, 3.0, Junk, false, "pharmacy, adult or gambling wording", "药品、成人或赌博内容";
    MARKETING_PHRASES, 1.0, Junk, false, "marketing phrases (click here, act now, risk-free…)", "营销用语（点击这里、立即行动、无风险…）";
    OFF_PLATFORM_CONTACT, 1.0, Profile, false, "wants to move to e-mail or chat apps at once", "一上来就要求转到邮箱或聊天软件";
    SHOUTING, 1.0, Junk, false, "written mostly in capital letters", "大部分为大写字母";
    // --- buyer profile ---
    BLOCKLISTED, 12.0, Learned, true, "the buyer is on your deny list", "买家在你的黑名单中";
    ALLOWLISTED, -12.0, Learned, false, "the buyer is on your allow list", "买家在你的白名单中";
    NEW_ACCOUNT, 1.5, Profile, false, "the account was registered days ago", "账号刚注册几天";
    NO_PRODUCT_VIEWS, 1.0, Profile, false, "the buyer has viewed no products", "买家没有浏览过产品";
    MASS_SENDER, 2.0, Profile, false, "the account sends inquiries in bulk", "账号大量群发询盘";
    SPAM_MARKS, 2.0, Profile, false, "other suppliers marked this buyer's inquiries as spam", "其他供应商将该买家询盘标记为垃圾";
    BLACKLISTED_BY_OTHERS, 2.5, Profile, false, "other suppliers blacklisted this buyer", "其他供应商将该买家拉黑";
    COUNTRY_MISMATCH, 1.5, Profile, false, "registered in one country, logging in from another", "注册国家与登录国家不同";
    MANY_SUPPLIERS, 2.0, Profile, false, "the inquiry went to many suppliers", "询盘发给了很多供应商";
    FREE_WEBMAIL, 0.5, Profile, false, "a free webmail address", "免费邮箱";
    EMAIL_DOMAIN_MISMATCH, 1.0, Profile, false, "the e-mail domain does not match the company website", "邮箱域名与公司网站不符";
    REPEATED_TEXT, 4.0, Junk, false, "the same text again from the same buyer", "同一买家重复发送相同内容";
    REPEATED_WITHIN_MINUTES, 4.0, Junk, false, "the same buyer sent this text again within the hour", "同一买家一小时内再次发送相同内容";
    REPEATED_AGAIN, 3.0, Profile, false, "the same buyer sent this text at least twice before", "同一买家已至少两次发送相同内容";
    SAME_TEXT_MANY_BUYERS, 3.0, Junk, false, "the same text came from other buyers too", "其他买家也发来了相同内容";
    ODD_SEND_TIME, 0.5, Profile, false, "sent in the middle of the night for the buyer's country", "按买家所在国家时间为深夜发送";
    // --- genuine signs ---
    NAMES_PRODUCT, -1.0, Genuine, false, "names a specific product", "提到具体产品";
    GIVES_QUANTITY, -1.5, Genuine, false, "gives a quantity", "给出数量";
    GIVES_SPECIFICATION, -1.0, Genuine, false, "gives specifications (sizes, grades, models)", "给出规格（尺寸、牌号、型号）";
    TRADE_TERMS, -1.0, Genuine, false, "names trade terms or a port (FOB, CIF, …)", "提到贸易术语或港口（FOB、CIF…）";
    ASKS_CERTIFICATES, -0.5, Genuine, false, "asks about certificates or standards", "询问证书或标准";
    ASKS_DELIVERY, -0.5, Genuine, false, "asks about delivery or lead time", "询问交期";
    TARGET_PRICE, -0.5, Genuine, false, "gives a target price or budget", "给出目标价或预算";
    ASKS_PACKAGING, -0.5, Genuine, false, "asks about packaging, logo or labels", "询问包装、LOGO 或标签";
    ASKS_SAMPLES, -0.5, Genuine, false, "asks for samples", "索要样品";
    COMPANY_DETAILS, -1.0, Genuine, false, "introduces the company or leaves company details", "介绍公司或留下公司信息";
    GREETS, -0.5, Genuine, false, "greets you properly", "有礼貌的称呼";
    EXPLAINED_ATTACHMENT, -1.0, Genuine, false, "the attachment is explained in the text", "正文说明了附件内容";
    MATCHING_COMPANY_EMAIL, -1.5, Genuine, false, "company e-mail matching its website", "公司邮箱与网站域名一致";
    ESTABLISHED_BUYER, -1.5, Genuine, false, "an established account with real activity", "账号成熟、有真实浏览记录";
    IN_CONVERSATION, -1.5, Genuine, false, "answers a conversation you started", "回复你已开始的对话";
    // --- learned ---
    CONTENT_LIKE_SPAM, 0.0, Learned, false, "the wording resembles known spam", "措辞与已知垃圾信息相似";
    CONTENT_LIKE_GENUINE, 0.0, Learned, false, "the wording resembles real inquiries", "措辞与真实询盘相似";
    REP_FILTER_SPAM, 0.0, Learned, false, "resembles what you marked as spam", "与你标记为垃圾的内容相似";
    REP_FILTER_GENUINE, 0.0, Learned, false, "resembles what you marked as not spam", "与你标记为非垃圾的内容相似";
}

impl Code {
    /// The code with this wire name, if there is one.
    pub fn parse(name: &str) -> Option<Code> {
        BY_NAME.get(name).copied()
    }

    /// This code's rule.
    pub fn rule(self) -> &'static Rule {
        // RULES is generated in the order of Code's variants.
        &RULES[self as usize]
    }
}

/// The codes by wire name.
static BY_NAME: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, Code>> =
    std::sync::LazyLock::new(|| Code::ALL.iter().map(|c| (c.as_str(), *c)).collect());

/// The rule with this wire name (settings name rules by their code's text).
pub fn rule(code: &str) -> Option<&'static Rule> {
    Code::parse(code).map(Code::rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_screaming_snake_with_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate {:?}", r.code);
            assert_eq!(r.code.rule().code, r.code);
            assert!(
                r.code
                    .as_str()
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_'),
                "{:?}",
                r.code
            );
            assert!(!r.en.is_empty() && !r.zh.is_empty(), "{:?}", r.code);
            if r.category != Category::Learned {
                assert_eq!(
                    r.category == Category::Genuine,
                    r.weight < 0.0,
                    "{:?}: sign and category agree",
                    r.code
                );
            }
            assert!(
                !r.strong || r.weight >= 6.0,
                "{:?}: strong rules weigh at least a spam verdict",
                r.code
            );
        }
    }
}

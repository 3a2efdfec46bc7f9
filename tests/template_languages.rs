//! Every default template in every language of the library, for a rep with full
//! settings and a buyer writing in that language: the reply comes out in the buyer's
//! language, with no placeholder left, the buyer's numbered questions quoted in the
//! buyer's own words, and nothing the linter flags except the answer slots the rep
//! fills in (→). One row per language in `BUYERS`: adding a language is adding a row.

use xunpan::core::engine::Engine;
use xunpan::core::inquiry::Inquiry;
use xunpan::core::reply::{RepProfile, ReplySettings, TEMPLATE_IDS, TEMPLATE_LANGUAGES};
use xunpan::core::settings::Settings;

/// A buyer message per language: a greeting, a product, and two numbered questions.
const BUYERS: &[(&str, &str, [&str; 2])] = &[
    ("en", "Hello,\nI would like to ask the following:\n1. {q1}\n2. {q2}\nWe need 500 pcs. Please send your catalogue. Thank you.",
        ["Is the handle made of stainless steel?", "How long does delivery to Rotterdam take?"]),
    ("es", "Hola, buenos días.\nTengo las siguientes preguntas:\n1. {q1}\n2. {q2}\nNecesitamos 500 piezas. Favor de enviar el catálogo. Gracias.",
        ["¿El mango es de acero inoxidable?", "¿Cuánto tarda la entrega a Valencia?"]),
    ("pt", "Olá, bom dia.\nTenho as seguintes perguntas:\n1. {q1}\n2. {q2}\nPrecisamos de 500 peças. Pode me enviar o catálogo? Obrigado.",
        ["O cabo é de aço inoxidável?", "Qual o prazo de entrega para Santos?"]),
    ("fr", "Bonjour,\nVoici nos questions :\n1. {q1}\n2. {q2}\nNous avons besoin de 500 pièces. Pouvez-vous nous envoyer le catalogue ? Merci.",
        ["La poignée est-elle en acier inoxydable ?", "Quel est le délai de livraison pour Marseille ?"]),
    ("ru", "Здравствуйте!\nУ нас есть вопросы:\n1. {q1}\n2. {q2}\nНужно 500 штук. Пришлите, пожалуйста, каталог. Спасибо.",
        ["Ручка из нержавеющей стали?", "Сколько идёт доставка до Москвы?"]),
    ("ar", "السلام عليكم\nلدينا الأسئلة التالية:\n1. {q1}\n2. {q2}\nنحتاج 500 قطعة. أرسل لنا الكتالوج من فضلك. شكراً.",
        ["هل المقبض من الفولاذ المقاوم للصدأ؟", "كم تستغرق الشحنة إلى جدة؟"]),
    ("de", "Guten Tag,\nwir haben folgende Fragen:\n1. {q1}\n2. {q2}\nWir brauchen 500 Stück. Bitte senden Sie uns Ihren Katalog. Danke.",
        ["Ist der Griff aus Edelstahl?", "Wie lange dauert die Lieferung nach Hamburg?"]),
    ("tr", "Merhaba,\nşu sorularımız var:\n1. {q1}\n2. {q2}\n500 adet istiyoruz. Lütfen kataloğunuzu gönderin. Teşekkürler.",
        ["Sap paslanmaz çelikten mi?", "Mersin'e teslimat ne kadar sürer?"]),
    ("zh", "您好，\n想问一下：\n1. {q1}\n2. {q2}\n我们要500个，请发一下目录，谢谢。",
        ["手柄是不锈钢的吗？", "发到上海要多久？"]),
    ("vi", "Xin chào,\nChúng tôi có mấy câu hỏi:\n1. {q1}\n2. {q2}\nChúng tôi cần 500 cái. Vui lòng gửi catalog cho chúng tôi. Cảm ơn.",
        ["Tay cầm có làm bằng thép không gỉ không?", "Giao hàng đến Hải Phòng mất bao lâu?"]),
    ("id", "Halo,\nKami ingin bertanya:\n1. {q1}\n2. {q2}\nKami butuh 500 pcs. Mohon kirimkan katalognya. Terima kasih.",
        ["Apakah gagangnya dari baja tahan karat?", "Berapa lama pengiriman ke Surabaya?"]),
];

fn engine() -> Engine {
    let settings = Settings {
        reply: ReplySettings {
            profile: RepProfile {
                rep_name: "Lily Chen".into(),
                company: "Demo Kitchenware Co., Ltd.".into(),
                years_in_business: "12".into(),
                main_products: "cookware".into(),
                quality_facts: "ISO 9001, every piece inspected".into(),
                delivery_facts: "in stock, 7 days".into(),
                signature: "Lily Chen\nDemo Kitchenware Co., Ltd.".into(),
                contact_email: "lily@demo.example".into(),
                contact_phone: "+86 574 0000 0000".into(),
                contact_whatsapp: "+86 138 0000 0000".into(),
            },
            ..Default::default()
        },
        ..Settings::default()
    };
    Engine::new(settings).expect("valid settings")
}

fn inquiry(template: &str, body: &str) -> Inquiry {
    let channel = match template {
        "rtm_precise" | "rtm_generic" => "rtm",
        "rfq_quote" | "rfq_message" => "rfq",
        "visitor_mail" => "visitor",
        _ => "inquiry",
    };
    let json = serde_json::json!({
        "body": body,
        "channel": channel,
        "keyword": "stainless steel frying pan",
        "product": {"title": "Stainless Steel Frying Pan 28cm"},
        "buyer": {"name": "Mark Jansen", "country": "NL"},
        "shipment": {"carrier": "DHL", "trackingNumber": "1234567890", "days": 6},
    });
    serde_json::from_value(json).expect("a valid inquiry")
}

#[test]
fn every_template_in_every_language_renders_clean_for_a_buyer_of_that_language() {
    let engine = engine();
    let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).expect("a time");
    let zone = serde_json::from_value(serde_json::json!({"offsetMinutes": 480})).expect("zone");
    assert_eq!(
        BUYERS.iter().map(|b| b.0).collect::<Vec<_>>(),
        TEMPLATE_LANGUAGES,
        "one buyer per library language"
    );
    let mut problems = Vec::new();
    for (language, shape, [q1, q2]) in BUYERS {
        let body = shape.replace("{q1}", q1).replace("{q2}", q2);
        for id in TEMPLATE_IDS {
            let inquiry = inquiry(id, &body);
            let r = engine
                .render(&inquiry, Some(id), &mut Default::default(), now, &zone)
                .expect("renders");
            let mut wrong = Vec::new();
            if r.language != *language || r.buyer_language != *language {
                wrong.push(format!(
                    "in {} for a {} buyer",
                    r.language, r.buyer_language
                ));
            }
            if r.text.contains("[[") || r.text.contains("{{") {
                wrong.push("a placeholder is left".into());
            }
            let allowed: &[&str] = match id {
                "answer_questions" | "fulfil_requests" => &["UNANSWERED_QUESTION"],
                // Visitor mail is the one first message that carries contact details.
                "visitor_mail" => &["OFF_PLATFORM_CONTACT"],
                _ => &[],
            };
            let flags: Vec<&str> = r
                .lint
                .iter()
                .map(|f| f.code.as_str())
                .filter(|c| !allowed.contains(c))
                .collect();
            if !flags.is_empty() {
                wrong.push(format!("linter flags {flags:?}"));
            }
            if id == "answer_questions"
                && !(r.text.contains(&format!("1. \"{q1}\""))
                    && r.text.contains(&format!("2. \"{q2}\"")))
            {
                wrong.push("the buyer's numbered questions are not quoted as written".into());
            }
            if !wrong.is_empty() {
                problems.push(format!("{language} {id}: {}\n{}", wrong.join("; "), r.text));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}

#[test]
fn the_rep_can_switch_any_reply_to_english() {
    let engine = engine();
    let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).expect("a time");
    let zone = serde_json::from_value(serde_json::json!({"offsetMinutes": 480})).expect("zone");
    let inquiry = inquiry(
        "answer_questions",
        "Hola, ¿el mango es de acero inoxidable? Necesitamos 500 piezas.",
    );
    let r = engine
        .render_in(
            &inquiry,
            Some("answer_questions"),
            Some("en"),
            &mut Default::default(),
            now,
            &zone,
        )
        .expect("renders");
    assert_eq!(
        (r.language.as_str(), r.buyer_language.as_str()),
        ("en", "es")
    );
    assert!(r.text.starts_with("Dear Mark,"), "{}", r.text);
    assert!(
        r.text.contains("\"¿el mango es de acero inoxidable?\""),
        "quoted as written: {}",
        r.text
    );
    assert!(r.languages.iter().any(|l| l == "es") && r.languages[0] == "en");
    // The rep asked for English: the linter still says the buyer wrote Spanish.
    assert!(r.lint.iter().any(|f| f.code == "LANGUAGE_MISMATCH"));
}

#[test]
fn a_buyer_language_the_library_does_not_write_gets_english_unflagged() {
    let engine = engine();
    let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).expect("a time");
    let zone = serde_json::from_value(serde_json::json!({"offsetMinutes": 480})).expect("zone");
    let inquiry = inquiry(
        "answer_questions",
        "Buongiorno, il manico è in acciaio inossidabile? Ci servono 500 pezzi, qual è il prezzo?",
    );
    let r = engine
        .render(
            &inquiry,
            Some("answer_questions"),
            &mut Default::default(),
            now,
            &zone,
        )
        .expect("renders");
    assert_eq!(r.language, "en", "Italian is read, not written: {r:?}");
    assert!(
        !r.lint.iter().any(|f| f.code == "LANGUAGE_MISMATCH"),
        "{:?}",
        r.lint
    );
}

#[test]
fn rep_templates_keep_language_versions_and_old_settings_still_load() {
    // A settings file from before language versions: no `versions` anywhere.
    let old = r#"{"reply": {"templates": [{"id": "short_ack", "body": "Thanks, {{buyer_given_name}}."}]}}"#;
    let settings: Settings = serde_json::from_str(old).expect("old settings load");
    let engine = Engine::new(settings).expect("valid");
    let t = engine
        .templates()
        .into_iter()
        .find(|t| t.id == "short_ack")
        .expect("kept");
    assert_eq!(t.body, "Thanks, {{buyer_given_name}}.");
    assert!(
        t.versions.contains_key("es"),
        "the default's versions stay until the rep writes one"
    );
    // A rep's own template with its own Spanish version.
    let own = r#"{"reply": {"templates": [{"id": "sample_offer", "body": "Dear {{buyer_given_name}}, samples are free. Shall I send two?",
        "versions": {"es": "Hola, {{buyer_given_name}}: las muestras son gratis. ¿Le envío dos?"}}]}}"#;
    let engine = Engine::new(serde_json::from_str(own).expect("loads")).expect("valid");
    let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).expect("a time");
    let zone = serde_json::from_value(serde_json::json!({"offsetMinutes": 480})).expect("zone");
    let r = engine
        .render(
            &inquiry(
                "sample_offer",
                "Hola, necesito muestras del sartén, por favor. ¿Son gratis?",
            ),
            Some("sample_offer"),
            &mut Default::default(),
            now,
            &zone,
        )
        .expect("renders");
    assert_eq!(
        r.text,
        "Hola, Mark: las muestras son gratis. ¿Le envío dos?"
    );
    let bad = r#"{"reply": {"templates": [{"id": "x", "body": "Hi", "versions": {"xx": "Hi"}}]}}"#;
    let err = Engine::new(serde_json::from_str(bad).expect("parses")).expect_err("refused");
    assert!(err.to_string().contains("no language 'xx'"), "{err}");
}

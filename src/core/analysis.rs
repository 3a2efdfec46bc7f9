//! Reading a buyer's message: what they ask, what they request, what they name.
//!
//! Triage (for the message kind) and the reply library (for the numbered
//! questions and the template choice) both read messages through this one
//! module, so they always agree on what the buyer wrote. It reads English and
//! the common buyer languages (Spanish, Portuguese, French, Russian, Arabic,
//! Chinese): questions are found by their punctuation, by numbered lists under
//! an "I'd like to ask" line, and by interrogative words; a question that asks
//! us to *send* something is a request.

use crate::core::inquiry::Inquiry;
use crate::core::text::pattern;
use crate::core::triage::signals::{cap, has_quantity};

/// What a message says, as far as replying is concerned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The unedited mobile one-click inquiry.
    pub one_click: bool,
    /// The buyer's questions, each as the buyer wrote it.
    pub questions: Vec<String>,
    /// The buyer's explicit requests ("send me the price list").
    pub requests: Vec<String>,
    /// The requests are only polite asks to do something ("please release the goods to
    /// our forwarder"), none of the words for sending a thing.
    pub requests_only_polite: bool,
    /// The text names or describes a specific product (the product card alone does not count).
    pub names_product: bool,
    /// The text gives a quantity.
    pub has_quantity: bool,
    /// The text asks to talk on a chat app or by e-mail.
    pub wants_contact_app: bool,
    /// The language the buyer wrote in (see [`crate::core::language`]).
    pub language: &'static str,
    /// Whether the text showed its language: one of the languages the tables read,
    /// by its words or script. A text in another language (Japanese, Polish, Thai, …)
    /// or too short to tell is not.
    pub language_sure: bool,
    /// What the message is about, for the choice of reply template (concepts read
    /// in every buyer language; triage does not use these).
    pub concepts: Concepts,
}

/// Concepts of a message that decide the reply template, each read from terms in the
/// buyer languages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Concepts {
    /// A quantity with a unit in any buyer language ("3000支", "500 adet", "150 piezas").
    pub quantity: bool,
    /// A request for a named thing, not for everything ("catalogue of flexible cables").
    pub qualified_request: bool,
    /// Asks for everything at once ("all your products", "todos sus productos").
    pub everything: bool,
    /// Something went wrong with goods received: an after-sales message.
    pub complaint: bool,
    /// Praise for goods received, or a review left.
    pub review: bool,
    /// Asks for the tracking number or for the goods to be shipped.
    pub shipping: bool,
    /// Speaks of a deal already begun with us (the order, the samples, the shipment):
    /// a question about it is specific without the product named again.
    pub deal_under_way: bool,
    /// Names an order's deposit, balance or production ("deposit sent", "定金已付",
    /// "when can production start?"): a deal under way when the message is genuine,
    /// a scam's story when it is flagged (read from the concept tables by triage).
    pub order_progress: bool,
    /// A platform notice naming the buyer's search in quotes (real-time marketing).
    pub quoted_search: bool,
    /// Words of buying (order, need, quote, price) in the buyer's language, read from
    /// the concept tables by triage.
    pub buying_words: bool,
}

impl Reading {
    /// Questions that are more than "price?": a question about something specific.
    pub fn has_substantive_questions(&self) -> bool {
        self.questions
            .iter()
            .any(|q| !BARE_PRICE.is_match(&q.to_lowercase()))
    }

    /// A question about one of the terms a supplier states for any product (samples,
    /// the least order, the time to make or ship, the freight to a place, a logo or
    /// own brand, stock and sizes, certificates, payment terms, warranty): "样品几天能发",
    /// "bisa kirim sampel ke jakarta", "min qty". The rep can answer it as asked, so it
    /// is specific without a product named; "tell me more" or "what do you recommend"
    /// are not.
    /// A question or a request for the papers of an order or a shipment (a proforma,
    /// the bill of lading, the commercial invoice, the packing list, a certificate of
    /// origin): it is about a deal under way, specific without the product named.
    pub fn asks_for_papers(&self) -> bool {
        self.questions
            .iter()
            .chain(&self.requests)
            .any(|asked| TRADE_PAPERS.is_match(&asked.to_lowercase()))
    }

    pub fn asks_about_terms(&self) -> bool {
        self.questions
            .iter()
            .any(|q| TRADE_TERM.is_match(&q.to_lowercase()))
    }
}

pattern!(ONE_CLICK_A, r"i'?m interested in your products?(?-u:\b)");
pattern!(
    ONE_CLICK_B,
    r"(?:would like (?:to (?:get|have|know) )?some more details|look forward (?:for|to) your reply)"
);
// A line that introduces a list of questions ("I'd like to ask the following:"), on
// any line of a whole message (`(?m)`), or on one line (a line has no `\n`, so it reads
// the same there).
pattern!(
    LIST_INTRO,
    r"(?m)(?:questions?|clarify|following|answer|tell me|let me know|need to know|would like to know|want to know|preguntas|perguntas|вопрос|想问|请问|问一下)[^\n]{0,40}[:：]?\s*$"
);
pattern!(
    INTERROGATIVE,
    r"^(?:what|how|when|where|which|who|why|whether|is|are|can|could|do|does|did|will|would|shall|should|have you|has|may|qué|que|cuál|cual|cuánto|cuanto|cómo|como|cuándo|dónde|tienen|tiene|pueden|puede|hay|qual|quanto|quando|onde|vocês|voces|vcs|voce|você|pode|podem|quel|quelle|quels|combien|comment|quand|où|pouvez|avez|est-ce|какой|какая|какие|сколько|когда|где|есть ли|можете|можно|هل|كم|ما|متى|أين|was|wie|wann|wo|welche[rsmn]?|haben sie|können sie|gibt es|ist der|ist die|ist das|sind die|hangi|ne zaman|nerede|nasıl|kaç|apakah|berapa|bagaimana|kapan|bisa|ada|bao nhiêu|khi nào|ở đâu|có thể|bên (?:anh|chị|em|bạn) có)(?:\W|$)"
);
pattern!(
    CHINESE_QUESTION,
    r"(?:吗|么|呢|多少|多久|是否|能否|可否|可不可以|有没有|几)"
);
// Question words that sit anywhere in a sentence (Turkish particles, Indonesian and
// Vietnamese question words) and the indirect asks of every language ("I want to
// know", "kindly confirm", "quisiera saber", "подскажите"): a question even without "?".
pattern!(
    QUESTION_ANYWHERE,
    r"(?:^|\s)(?:(?:uygun|olur|mümkün|var|yok|mevcut) m[ıiuü]|mı|mü|misiniz|mısınız|musunuz|müsünüz|midir|mıdır|ne kadar|nedir|ne olur|fiyat[ıi]? ne|berapa|apakah|bao nhiêu|bao nhieu|bao lâu|bao lau|bao giờ|bao gio|khi nao|combien|сколько|không|(?:want|like) to know|kindly confirm|(?:quisiera|gustaría|gostaria de) saber|pourriez-vous|подскажите|أريد أن أعرف|teilen sie (?:mir|uns) mit|cho (?:tôi|em) hỏi)(?:\W|$)"
);
// Question particles of buyer languages beyond the tables' eleven, written without
// spaces around them or at a sentence's end (Japanese, Korean, Thai, Hindi, Persian,
// Ukrainian, Polish): a buyer asks in them too, "?" or not.
pattern!(
    PARTICLE_QUESTION,
    r"(?:でしょうか|ですか|ますか|ませんか|나요|습니까|ไหม|หรือไม่|เท่าไหร่|क्या|آیا|چقدر|чи є|чи можна|скільки|czy )"
);
pattern!(
    REQUEST_VERB,
    r"(?:(?-u:\b)(?:send|share|provide|give|email|e-mail|mail|forward|quote|offer|advise|recommend|need your|want your|(?:would|'d) like (?:your|the|a|to (?:get|receive|have)))(?-u:\b)|enviar|envíe|envie|mande|mandar|envoyer|envoyez|transmettre|пришлите|отправьте|вышлите|прислать|отправить|أرسل|ارسل|إرسال|ارسال|زودونا|senden sie|schicken sie|zusenden|zuschicken|bitte senden|bitte schicken|gönderin|gönderir misiniz|gönderebilir|iletir misiniz|kirim|minta|gửi|necesitamos|precisamos|bitte um|rica ediyoruz|rica ederiz|mohon|me chama|call me|contact me|escríbeme|llámame|écrivez-moi|напишите мне|hubungi saya|liên hệ|加我|请发|发给我|发一下|发送|提供|报个价|报价给我|回传)"
);
pattern!(
    REQUEST_OBJECT,
    r"(?:price ?list|catalog|brochure|datasheet|data sheet|specification|spec sheet|manual|samples?|photos?|pictures?|images?|videos?|vídeos?|vidéos?|видео|فيديو|视频|quotation|quote|proforma|offer|certificates?|test report|company profile|whatsapp|واتس|wechat|contact|number|coa|sds|tds|(?-u:\b)pi(?-u:\b)|proof|mock-?up|(?-u:\b)prices?(?-u:\b)|precios?|preços?|(?-u:\b)prix(?-u:\b)|mẫu|catálogo|muestras|amostras|fotos|cotización|cotação|orçamento|presupuesto|предложени|tarifs|échantillons|прайс|каталог|образц|фото|чертеж|كتالوج|قائمة الأسعار|قائمة الاسعار|عينات|عينة|صور|عرض سعر|katalog|kataloğ|preisliste|muster|angebot|datenblatt|zeichnung|fiyat liste|numune|teklif|çizim|daftar harga|penawaran|(?-u:\b)fiyat(?-u:\b)|sampel|contoh|gambar|bảng giá|báo giá|bản vẽ|drawings?|dibujos?|desenhos?|dessins?|plans?|价格表|目录|样品|图片|图纸|报价)"
);
// The documents of a sale and of a product asked for by name, in the eleven languages:
// a colour chart, a packing list, an invoice, a certificate, a technical sheet, a test
// report. Apart from the words above: folded into them, the search of every message
// for them cost more.
pattern!(
    REQUEST_DOCUMENT,
    r"(?:colou?r (?:chart|card)|swatch|nuancier|carta de colores|cartela de cores|farbkarte|палитр|renk kartela|bảng màu|kartu warna|色卡|packing list|invoice|factura|fatura|(?-u:\b)factures?(?-u:\b)|(?-u:\b)rechnung|инвойс|فاتورة|hóa đơn|faktur|发票|装箱单|certificado|certificat|zertifikat|сертификат|شهادة|sertifika|chứng nhận|证书|ficha t[ée]cnica|fiche technique|test rapor|belge)"
);
/// Whether a lower-cased text names a thing we send ([`REQUEST_OBJECT`], [`REQUEST_DOCUMENT`]).
fn names_thing_sent(lower: &str) -> bool {
    REQUEST_OBJECT.is_match(lower) || REQUEST_DOCUMENT.is_match(lower)
}
// Requests as buyers type them on a phone, read where the words above find none: Spanish
// and Portuguese "pedimos", "cotizar", Turkish without its letters ("gonderebilir"),
// German "schicken", Vietnamese without marks ("bao gia"), Russian "пишите", Gulf and
// Levantine "أبي", "ابغى", "بدي", Arabizi "momken", "b3atli"; and what they ask for:
// a German "Preis", a Zalo or WhatsApp contact, an Arabic "سعر". Literal words only,
// apart from the patterns above: folded into them they made every message's search
// slower (measured: 1.4 % of triage's instructions).
/// A body longer than this is not read for requests typed the plain way.
const PLAIN_REQUEST_MAX_BYTES: usize = 400;
pattern!(
    REQUEST_VERB_MORE,
    r"(?:pedimos|solicitamos|cotizar|cotice|m[aá]ndame|(?-u:\b)manda(?-u:\b)|me pass[ae](?-u:\b)|gonderin|gonderebilir|schicken|báo giá|bao gia|(?-u:\b)gui(?-u:\b)|пишите|скиньте|скинь(?-u:\b)|أبي|ابغى|بدي|momken|mmkn|b3atli)"
);
pattern!(REQUEST_OBJECT_MORE, r"(?:preis|zalo|вотсап|سعر|bao gia)");
// Things asked for in a chat turn, typed without marks or by their everyday names
// ("cotizacion", "harga", "инвойс", the boxes' "peso e medida", the factory's address):
// a request only in a sentence that is no question ("berapa harga …" asks).
pattern!(
    REQUEST_OBJECT_PLAIN,
    r"(?:报个价|cotizacion|orcamento|(?-u:\b)(?:bang )?gia(?-u:\b)|bang mau|hoa don|chung nhan|(?-u:\b)harga(?-u:\b)|инвойс|сч[её]т(?-u:\b)|(?-u:\b)(?:peso|pesos|medidas?|weight|dimensions?|address|endereço|dirección|adresse)(?-u:\b)|адрес)"
);
// A please-word of a chat turn: with the name of a thing we send ("pi pls", "catalog
// for the LED panels pls", "el catálogo por favor"), a short turn's sentence without a
// request verb is still a request (see `Sentence::is_plain_ask`). The Latin-script
// words count at the sentence's end only: before a verb ("please find attached",
// "bitte bestätigen Sie") they belong to the polite asks below.
pattern!(
    PLEASE_WORD,
    r"(?m)(?:(?-u:\b)(?:pls|plz|please|svp|porfa|bitte|lütfen|lutfen|nhe|nhé|por favor|s'il vous pla[iî]t)\W*$|(?-u:\b)(?:tolong|mohon)(?-u:\b)|пожалуйста|من فضلك|لو سمحت|麻烦)"
);
// Asking us, politely, to do something ("please confirm the ship date", "merci de
// nous indiquer le poids", "bitte teilen Sie uns … mit", "tolong kabari", "请确认"):
// the polite word with the verbs of a request, in the eleven languages. Read only in a
// message where no request was found by the words above; a sentence that is a
// question stays a question ("请问…").
pattern!(
    POLITE_ASK,
    r"(?:(?-u:\b)(?:please|pls|plz|kindly) (?:also |kindly |just )?(?:confirm|check|tell|let|advise|arrange|release|update|send|share|provide|quote|mention|prepare|ship|book|start|proceed|issue|deduct|inform|indicate|give|pack|add|include|contact|call|make|keep|hold|reserve|correct|change|amend|revise)(?-u:\b)|merci de (?:bien vouloir )?(?:nous |me )?(?:indiquer|confirmer|préciser|envoyer|communiquer|faire|lancer|donner|transmettre|prévoir|vérifier|réserver)|veuillez|prière de|favor de|(?:por favor|porfa),? (?:confirm|indi|env|mand|cotic|inform|revis|avis|pas)|confírme|confirmen|indíquenos|indíqueme|avísenos|infórmenos|les agradecería|le agradecería|por gentileza|me avise|nos avise|informem|bitte (?:um|bestätigen|teilen|senden|schicken|geben|informieren|prüfen|nennen|reservieren)|(?:teilen|geben|nennen|bestätigen) sie (?:uns|mir)|lütfen|lutfen|rica ederiz|rica ediyoruz|bildirir misiniz|bildirin|teyit edin|onaylayın|пожалуйста|просим|прошу|сообщите|подтвердите|уточните|укажите|يرجى|الرجاء|نرجو|أرجو|ارجو|من فضلك|أفيدونا|افيدونا|vui lòng|vui long|làm ơn|giúp (?:em|mình|tôi)|giup (?:em|minh|toi)|cho (?:em|mình|tôi) biết|xác nhận|(?-u:\b)(?:mohon|tolong|tlg|harap|kabari|kabarin|konfirmasi|informasikan)(?-u:\b)|beri tahu|请|麻烦|烦请|劳烦|帮忙|告知)"
);
// Of those, the asks for an answer ("please confirm …", "merci de nous indiquer …",
// "bitte teilen Sie uns … mit", "tolong kabari", "请确认", "сообщите"): questions
// without "?", as "kindly confirm" already is.
pattern!(
    POLITE_ASK_TO_TELL,
    r"(?:(?-u:\b)(?:please|pls|plz|kindly) (?:also |kindly )?(?:confirm|tell|let|advise|inform|indicate|check)(?-u:\b)|(?:indiquer|confirmer|préciser|communiquer)|confirm(?:ar|en|e)?(?-u:\b)|confírme|indíque|avís|infórm|inform(?:ar|em|e)(?-u:\b)|avise|bestätigen|teilen sie|nennen sie|bildir|teyit|onayla|сообщите|подтвердите|уточните|укажите|أفيدونا|افيدونا|تأكيد|cho (?:em|mình|tôi) biết|xác nhận|(?-u:\b)(?:kabari|kabarin|konfirmasi|informasikan)(?-u:\b)|beri tahu|确认|告知)"
);
pattern!(
    ASKS_TO_SEND,
    r"^(?:can|could|would|will) you (?:please |kindly |pls |also )*(?:send|share|provide|give|email|mail|quote|forward|offer)|^(?:could|can|may) (?:i|we) (?:please )?(?:get|have|receive) (?:a |the |some |your )?(?:samples?|catalog|catalogue|price ?list|quot)|^¿?(?:me |nos )?(?:podrías|podría|puedes|puede|pueden|podrian|podrían) (?:me |nos )?(?:enviar|mandar|pasar)|^(?:pode|podes|poderia|podería|puede|pueden|podrían|podria) (?:me |nos )?(?:enviar|mandar|passar)|^¿?(?:me |nos )?(?:podéis|podeis|podés) (?:me |nos )?(?:enviar|mandar|pasar)|^favor de (?:cotizar|enviar|mandar)|^bitte (?:preis|angebot|katalog|muster)|^(?:pouvez|pourriez)[- ]vous (?:m'|nous )?(?:envoyer|transmettre)|^можете (?:прислать|отправить|выслать)|^(?:能|可以)(?:发|提供)|请报"
);
// Concepts for the template choice. Terms in English, Spanish, Portuguese, French,
// German, Russian, Arabic, Turkish, Indonesian, Vietnamese and Chinese; adding a
// language is adding terms.
pattern!(
    QUANTITY_ANY,
    r"[\d٠-٩][\d٠-٩.,]*\s*(?:pcs|pc(?-u:\b)|pieces|units?(?-u:\b)|sets(?-u:\b)|pairs|cartons|containers|tons?(?-u:\b)|mt(?-u:\b)|coils|rolls|piezas|unidades|juegos|peças|pièces|unités|stück|stk|шт|тонн|قطعة|قطع|حبة|كوب|adet|tane|buah|cái|cai(?-u:\b)|chiếc|chiec|bộ|件|个|個|支|套|台|只|吨|箱|双|条|张|片|把|本|枚|着|개|대|세트|ชิ้น|เครื่อง|ชุด|पीस|नग|عدد|دستگاه)|(?:^|\s)\d[\d.,]*\s+[a-zà-ɏа-яё\u0621-\u064a]{4,}"
);
pattern!(
    QUALIFIED_REQUEST,
    r"[\u4e00-\u9fff]{2,}的[\u4e00-\u9fff]{0,8}(?:价格表|目录|样品|报价|图纸)|(?:كتالوج|الأسعار|قائمة الأسعار|عينات?)[^.!?\n]{0,25}\sل|(?:catalog|catálogo|katalog|каталог|كتالوج|price ?list|liste de prix|preisliste|прайс|fiyat liste|daftar harga|bảng giá|samples?|muestras?|amostras?|échantillons?|muster|numune|образ[цe]|datasheet|coa|msds|tds|prices?|quotation|cotización|cotação|preço|precio)[^.!?\n]{0,25}?\s(?:of|for|on|de|do|da|dos|das|des|du|für|von|на|для|için|untuk|của|cho)\s+\w"
);
pattern!(
    EVERYTHING,
    r"(?:all (?:your |ur |of your )?(?:products|items|models|sizes)|every product|todos (?:sus|los) (?:productos|artículos)|todos os produtos|tous (?:vos|les) produits|alle produkte|все товары|جميع المنتجات|tüm ürün|semua produk|tất cả (?:sản phẩm|các size)|全部产品|所有产品)"
);
pattern!(
    COMPLAINT,
    r"(?:broken|damaged|defect|faulty|not working|stop(?:s|ped)? (?:working|charging)|shrink|peel|bubbles|complain|problem with|wrong (?:size|colou?r|item)|missing (?:pieces|items)|(?-u:\b)rot[oa]s?(?-u:\b)|dañad|se traban|quebrad|defeituos|danificad|cassé|abîmé|défectueu|beschädigt|defekt|sitzen [a-zäöüß ]{0,20}nicht|reklamation|сломан|брак|дефект|не работа|مكسور|تالف|عيب|kırık|hasarlı|bozuk|arızalı|rusak|cacat|bị lỗi|hỏng|投诉|坏了|破损|质量问题|味道很重|不能用)"
);
pattern!(
    REVIEW,
    r"(?:5[ -]?stars?|five stars|left (?:you )?a (?:\d[ -]?star |good |great )?review|good review|very satisfied|5 estrellas|cinco estrellas|5 estrelas|avaliação|5 étoiles|bewertung|5 sterne|отзыв|5 звезд|5 звёзд|تقييم|5 نجوم|5 yıldız|değerlendirme|bintang 5|ulasan|5 sao|đánh giá|五星|好评)"
);
pattern!(
    SHIPPING_ASK,
    r"(?:tracking (?:number|no|code)|(?-u:\b)awb(?-u:\b)|waybill|número de (?:seguimiento|guía)|rastreio|numéro de suivi|sendungsnummer|трек|номер отслеживания|رقم التتبع|takip numarası|nomor resi|mã vận đơn|单号|运单|快递单|物流单)"
);
pattern!(
    QUOTED_SEARCH,
    r"(?:search(?:ed)?|keyword)[^\n]{0,20}[\x22“][^\x22”\n]{2,}[\x22”]"
);
pattern!(
    BARE_PRICE,
    r"^\W*(?:price|prices|the price|how much|cost|price pls|price please|best price|цена|precio|preço|prix|价格|多少钱|كم السعر)\W*$"
);
// The papers of an order or a shipment, in the eleven languages (see
// `Reading::asks_for_papers`).
pattern!(
    TRADE_PAPERS,
    r"(?:(?-u:\b)(?:pi|p/i|proforma|pro forma|bill of lading|b/l|bl|awb|commercial invoice|invoice|packing ?list|certificate of origin|coo|form [ae]|fei|shipping documents?|shipping docs)(?-u:\b)|factura|fatura|facture|rechnung|счет|счёт|инвойс|فاتورة|fatura|faktur|hóa đơn|hoa don|conocimiento de embarque|conhecimento de embarque|connaissement|konnossement|коносамент|بوليصة|konşimento|konsimento|vận đơn|van don|lista de empaque|romaneio|liste de colisage|packliste|упаковочн|قائمة التعبئة|çeki listesi|daftar kemas|phiếu đóng gói|certificado de origen|certificado de origem|certificat d'origine|ursprungszeugnis|сертификат происхождения|شهادة المنشأ|menşe şahadetnamesi|surat keterangan asal|c/o|形式发票|提单|商业发票|发票|装箱单|箱单|产地证|原产地证)"
);
// The terms of trade a question can be about, in the eleven languages (see
// `Reading::asks_about_terms`).
pattern!(
    TRADE_TERM,
    r"(?:(?-u:\b)(?:samples?|moq|min(?:imum)?\.? ?(?:order|qty|quantity)|lead ?time|delivery time|how (?:many|long) days|ship(?:ping)? (?:cost|fee|price|time|to)|freight|deliver(?:y)? to|oem|odm|(?:custom|own|our|your) (?:logo|brand|label)|print(?:ing)? (?:our |my )?logo|in stock|stock|warranty|guarantee|certificat\w*|ce|fda|rohs|iso ?\d*|payment terms?|t/t|l/c)(?-u:\b)|muestras?|amostras?|échantillons?|(?-u:\b)muster(?-u:\b)|образ[цеч]|عين(?:ة|ات)|numune|(?-u:\b)(?:sampel|contoh)(?-u:\b)|(?-u:\b)mẫu|样品|样板|pedido mínimo|pedido minimo|cantidad mínima|quantidade mínima|quantité minimale|minimum de commande|mindest(?:bestell)?menge|минимальн|الحد الأدنى|minimum sipariş|(?:pesanan|order) minim|số lượng tối thiểu|起订|最少|最低|cuántos días|cuantos dias|quantos dias|combien de jours|plazo de entrega|prazo de entrega|d[ée]lai|موعد (?:ال)?تسليم|مدة (?:ال)?تسليم|lieferzeit|liefertermin|wie lange|срок|сколько дней|كم يوم|مدة|kaç gün|teslim süresi|berapa (?:hari|lama)|bao l[âa]u|mấy ngày|几天|多久|交期|货期|env[ií]os? a|env[ií]an a|frete|livr(?:aison|ez|er) (?:à|a)(?-u:\b)|versand nach|доставк|الشحن|kargo|(?-u:\b)kirim(?-u:\b)|ongkir|giao hàng|(?-u:\b)ship v[eề](?-u:\b)|运费|发到|寄到|logotipo|logomarca|logo|personnalis|логотип|شعار|etiket|cetak|贴牌|定制|印|existencia|estoque|en stock|auf lager|на складе|в наличии|متوفر|مخزون|(?-u:\b)stok(?-u:\b)|còn hàng|现货|库存|certificado|zertifikat|сертификат|شهادة|sertifika|sertifikat|chứng nhận|认证|证书|forma de pago|condições de pagamento|conditions de paiement|zahlungsbedingungen|условия оплаты|شروط الدفع|ödeme|syarat pembayaran|thanh toán|付款方式|garant[ií]a|garantie|гаранти|ضمان|garanti|garansi|bảo hành|保修|质保|talla|tamanho|taille|größe|размер|مقاس|beden|ukuran|(?-u:\b)size)"
);
pattern!(
    CONTACT_APP,
    r"(?:whatsapp|واتس|wechat|telegram|viber|skype|(?-u:\b)line id(?-u:\b)|微信)"
);
pattern!(
    SPEC,
    r"(?-u:\b)\d+(?:\.\d+)?\s*(?:x|×|\*)\s*\d+|(?-u:\b)\d+(?:\.\d+)?\s*(?:mm|cm|inch|inches|in(?-u:\b)|v(?-u:\b)|w(?-u:\b)|kw|ah|mah|hz|gsm|micron|ft(?-u:\b)|mtr|m(?-u:\b)|см|мм|سم|مم|厘米|毫米)|(?-u:\b)\d{2,}\s?(?:inch|w|v)(?-u:\b)|(?-u:\b)(?:astm|aisi|sch\s?\d+|tp3\d\d|ss\s?3\d\d|3\d\dl|grade [a-z0-9]+|model [a-z0-9-]+)(?-u:\b)|\d+(?:w|v|ah)[\u4e00-\u9fff]"
);
// Product words that say what the buyer wants even with no title overlap.
pattern!(
    PRODUCT_NOUN,
    r"(?:(?-u:\b)(?:wigs?|bundles?|frontal|closure|lace|hair|pipes?|tubes?|panels?|lights?|lamps?|chairs?|tables?|tiles?|batter(?:y|ies)|inverters?|boxes|bags?|bottles?|shoes|sneakers|shirts?|dresses|lipsticks?|cosmetics|earbuds|headphones|phones?|cables?|valves?|pumps?|motors?|machines?|sillas|amortiguadores|paineis)(?-u:\b)|(?:^|\W)(?:painéis|écouteurs|кресл[оа]|батаре[яи])(?:\W|$)|[\u4e00-\u9fff]{1,4}(?:灯|管|椅|砖|机|线|板|泵|阀|箱|袋|鞋|衣))"
);
/// Chinese words that end like a product noun of [`PRODUCT_NOUN`] and name none: the
/// boss (老板), an e-mail box (邮箱, 信箱), a chance (机会, 时机), online (在线), a
/// hotline, a route, a supervisor, a driver, a phone number (手机号).
const NOT_PRODUCTS_ZH: &[&str] = &[
    "老板",
    "邮箱",
    "信箱",
    "机会",
    "时机",
    "在线",
    "热线",
    "路线",
    "主管",
    "司机",
    "不管",
    "手机号",
];

/// Whether the text names a product by one of the product nouns, the Chinese words of
/// [`NOT_PRODUCTS_ZH`] left out.
fn names_product_noun(lower: &str) -> bool {
    if !PRODUCT_NOUN.is_match(lower) {
        return false;
    }
    // The words left out are Chinese: a text without them keeps its match.
    if lower.is_ascii() || !NOT_PRODUCTS_ZH.iter().any(|w| lower.contains(w)) {
        return true;
    }
    let mut cleaned = lower.to_string();
    for word in NOT_PRODUCTS_ZH {
        cleaned = cleaned.replace(word, " ");
    }
    PRODUCT_NOUN.is_match(&cleaned)
}

const TITLE_STOPWORDS: &[&str] = &[
    "with",
    "from",
    "high",
    "quality",
    "hot",
    "sale",
    "price",
    "wholesale",
    "custom",
    "customized",
    "factory",
    "best",
    "china",
    "good",
    "product",
    "products",
    "new",
    "style",
    "fashion",
    "cheap",
    "supplier",
    "manufacturer",
    "free",
    "shipping",
    "brand",
    "original",
    "selling",
    "sell",
    "made",
    "type",
    "series",
    "model",
    "design",
    "oem",
    "odm",
];

/// Stems (first five characters) of a lower-cased text's longer words, stop words left out.
fn stems(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(3).is_some() && !w.bytes().all(|b| b.is_ascii_digit()))
        .filter(|w| !TITLE_STOPWORDS.contains(w))
        .map(|w| &w[..w.char_indices().nth(5).map_or(w.len(), |(at, _)| at)])
}

/// Whether `text` names a three-letter noun of `title` in its plural ("800 pans" of a
/// "Frying Pan", "mugs", "boxes"): such words are too short for [`stems`], and the
/// plural, unlike the bare word ("led", "set", "new"), is rarely anything else.
fn names_short_noun_in_plural(title: &str, text: &str) -> bool {
    let nouns: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() == 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
        .collect();
    if nouns.is_empty() {
        return false;
    }
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        nouns.iter().any(|noun| {
            w.strip_prefix(noun)
                .is_some_and(|rest| rest == "s" || rest == "es")
        })
    })
}

/// Whether `text` holds three Chinese characters in a row that `title` holds: Chinese
/// writes a product's name without spaces ("这款保温杯可以印logo吗" against the title
/// "不锈钢保温杯 500ml"), so the title's words are not words of the message. Three
/// characters, since two ("产品", "定制") are too often no product's name.
fn shares_han_run(title: &str, text: &str) -> bool {
    const RUN: usize = 3;
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut starts = title
        .char_indices()
        .filter(|&(_, c)| is_han(c))
        .map(|(at, _)| at);
    starts.any(|at| {
        let run = &title[at..];
        let end = run
            .char_indices()
            .nth(RUN)
            .map_or(run.len(), |(end, _)| end);
        let run = &run[..end];
        run.chars().count() == RUN && run.chars().all(is_han) && text.contains(run)
    })
}

pub use crate::core::language::language_of;

/// Sentences of a text (split after end punctuation and at line breaks), trimmed;
/// one-character pieces are dropped.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['?', '？', '؟', '.', '!', '！', '。', '\n'])
        .map(str::trim)
        .filter(|s| s.chars().nth(1).is_some())
}

const GREETINGS: &[&str] = &[
    "hello",
    "hi",
    "hey",
    "dear sir",
    "dear",
    "good day",
    "good morning",
    "hola",
    "olá",
    "ola",
    "bonjour",
    "buenas tardes",
    "buenos días",
    "здравствуйте",
    "добрый день",
    "привет",
    "hallo",
    "guten tag",
    "salut",
    "bom dia",
    "boa tarde",
    "merhaba",
    "selam",
    "halo",
    "selamat pagi",
    "selamat siang",
    "xin chào",
    "chào",
    "chao",
    "مرحبا",
    "السلام عليكم",
    "ni hao",
    "nihao",
    "您好",
    "你好",
];

/// Strips a leading greeting ("Hello, ", "Dear Sir, ") from a sentence. Works on the
/// original and on the lower-cased form alike (the greeting ends at the same comma).
fn without_greeting(s: &str) -> &str {
    // A sentence that starts with an ASCII character no greeting starts with (in
    // either case) is not compared greeting by greeting: most sentences. Native only:
    // in the wasm it added 207 gzipped bytes for about 0.5 % of its instructions.
    if let Some(first) = s
        .bytes()
        .next()
        .filter(|b| crate::core::text::NATIVE && b.is_ascii())
    {
        let first = first.to_ascii_lowercase();
        if !GREETINGS
            .iter()
            .any(|g| g.as_bytes().first() == Some(&first))
        {
            return s;
        }
    }
    // The greeting is a word of its own ("hi what price", not "high quality"). A
    // sentence that starts with an ASCII letter is compared only with the greetings
    // that start with it.
    let first = s
        .bytes()
        .next()
        .filter(u8::is_ascii)
        .map(|b| b.to_ascii_lowercase());
    let greeting = GREETINGS.iter().find(|g| {
        first.is_none_or(|b| g.as_bytes().first() == Some(&b))
            && s.get(..g.len()).is_some_and(|head| {
                head.eq_ignore_ascii_case(g)
                    || (!head.is_ascii() && head.chars().flat_map(char::to_lowercase).eq(g.chars()))
            })
            && !s[g.len()..].starts_with(char::is_alphanumeric)
    });
    let Some(greeting) = greeting else {
        return s;
    };
    // "Hello Mr. Li, …", "Dear Sir! …": the greeting ends at its comma; without one
    // near it, at the greeting's word ("hi what price for 300 watches").
    if let Some((pos, c)) = s
        .char_indices()
        .take(30)
        .find(|(_, c)| matches!(c, ',' | '!' | '，' | '！' | '،'))
    {
        if pos < 30 {
            return s[pos + c.len_utf8()..].trim_start();
        }
    }
    s[greeting.len()..].trim_start()
}

/// A sentence as the buyer wrote it (`text`, greeting removed) and lower-cased (`lower`).
struct Sentence<'a> {
    text: &'a str,
    lower: String,
}

impl<'a> Sentence<'a> {
    fn new(s: &'a str) -> Sentence<'a> {
        let text = without_greeting(s).trim();
        Sentence {
            text,
            lower: text.to_lowercase(),
        }
    }

    fn is_question(&self) -> bool {
        let t = self.text;
        t.ends_with(['?', '？', '؟'])
            || INTERROGATIVE.is_match(&self.lower)
            || QUESTION_ANYWHERE.is_match(&self.lower)
            || (t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                && CHINESE_QUESTION.is_match(t))
            || (!t.is_ascii() && PARTICLE_QUESTION.is_match(&self.lower))
    }

    /// `body_asks`: whether the whole message has a request verb and a requested
    /// thing anywhere; without both, no sentence of it can be a "please send" request
    /// by those words, and the per-sentence searches are skipped.
    /// `short`: the message is short enough to be read for requests typed the plain
    /// way ([`PLAIN_REQUEST_MAX_BYTES`]).
    fn is_send_request(&self, body_asks: bool, short: bool) -> bool {
        ASKS_TO_SEND.is_match(&self.lower)
            || (body_asks
                && (REQUEST_VERB.is_match(&self.lower)
                    || (short && REQUEST_VERB_MORE.is_match(&self.lower)))
                && (names_thing_sent(&self.lower)
                    || (short
                        && (REQUEST_OBJECT_MORE.is_match(&self.lower)
                            || (REQUEST_OBJECT_PLAIN.is_match(&self.lower)
                                && !self.is_question())))))
    }

    /// A request typed without its verb in a short turn: a please-word and the thing
    /// asked for, in any order ("500 pcs black, pi pls", "svp la proforma").
    /// `body_pleads`: the whole message has a please-word and a requested thing (else
    /// no sentence of it is read for one).
    fn is_plain_ask(&self, body_pleads: bool) -> bool {
        body_pleads
            && PLEASE_WORD.is_match(&self.lower)
            && (names_thing_sent(&self.lower)
                || REQUEST_OBJECT_MORE.is_match(&self.lower)
                || REQUEST_OBJECT_PLAIN.is_match(&self.lower))
    }
}

/// The bytes a text holds, as a set: a text holds another only if it holds every byte
/// of it, which a few word operations tell where a substring search would first
/// build a searcher (`str::contains` does for a needle over 32 bytes).
#[derive(Debug, Clone, Copy, Default)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn of(s: &str) -> ByteSet {
        let mut set = [0u64; 4];
        for b in s.bytes() {
            set[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        ByteSet(set)
    }

    /// Whether every byte of `other` is in this set.
    fn has_all(&self, other: &ByteSet) -> bool {
        self.0
            .iter()
            .zip(&other.0)
            .all(|(mine, theirs)| theirs & !mine == 0)
    }
}

fn clean_item(s: &str) -> String {
    let t = s.trim().trim_start_matches(['-', '•', '*', '·']).trim();
    crate::core::text::clip(t, 300)
}

/// How much of a body is read for questions and requests.
const MAX_READ_BYTES: usize = 16 * 1024;

/// Reads one inquiry's text.
pub fn read(inquiry: &Inquiry) -> Reading {
    let body = cap(&inquiry.body, MAX_READ_BYTES);
    let lower = body.to_lowercase();
    let _openings = crate::core::pattern::Openings::of(&lower);
    read_lowered(inquiry, &lower)
}

/// [`read`] for a caller that already holds the body lower-cased (triage does): the
/// text is lower-cased once per message, not once per question.
pub fn read_lowered(inquiry: &Inquiry, lower_body: &str) -> Reading {
    let body = cap(&inquiry.body, MAX_READ_BYTES);
    let lower = cap(lower_body, MAX_READ_BYTES);
    let one_click = !lower.contains('?')
        && ONE_CLICK_A.is_match(lower)
        && ONE_CLICK_B.is_match(lower)
        && body.chars().count() < 400;

    // A sentence's lower-cased text lies within the message's (lower-casing goes
    // character by character, and sentences end at punctuation, never inside a word).
    // The plain-typed requests are read in a short message only (a phone's).
    let short = lower_body.len() <= PLAIN_REQUEST_MAX_BYTES;
    let body_asks = (REQUEST_VERB.is_match(lower_body)
        || (short && REQUEST_VERB_MORE.is_match(lower_body)))
        && (names_thing_sent(lower_body)
            || (short
                && (REQUEST_OBJECT_MORE.is_match(lower_body)
                    || REQUEST_OBJECT_PLAIN.is_match(lower_body))));
    // A short turn may ask for a thing without a verb ("pi pls"): read only where the
    // message has a please-word and a thing asked for.
    let body_pleads = short
        && PLEASE_WORD.is_match(lower_body)
        && (names_thing_sent(lower_body)
            || REQUEST_OBJECT_MORE.is_match(lower_body)
            || REQUEST_OBJECT_PLAIN.is_match(lower_body));
    let mut questions: Vec<String> = Vec::new();
    let mut requests: Vec<String> = Vec::new();
    // Requests typed without a verb ([`Sentence::is_plain_ask`]): added after the
    // polite reading below, which they must not keep from running.
    let mut plain_asks: Vec<String> = Vec::new();
    let mut in_list = false;
    let has_list_intro = LIST_INTRO.is_match(lower);
    let mut listed: Vec<String> = Vec::new();
    // Numbered or lettered lines under an "I'd like to ask:" line are questions.
    for (line, line_lower) in body.lines().zip(lower.lines()) {
        let l = line.trim();
        if has_list_intro && LIST_INTRO.is_match(line_lower.trim()) {
            in_list = true;
            continue;
        }
        if let Some(item) = list_item(l) {
            let sentence = Sentence::new(item);
            if in_list || sentence.is_question() {
                let cleaned = clean_item(item);
                if sentence.is_send_request(body_asks, short) {
                    requests.push(cleaned.clone());
                } else {
                    questions.push(cleaned.clone());
                }
                if !listed.contains(&cleaned) {
                    listed.push(cleaned);
                }
                continue;
            }
        } else if !l.is_empty() {
            in_list = false;
        }
    }
    if !one_click {
        // A sentence of a listed item is not read again. Each sentence is compared
        // with each listed item both ways, so their bytes are noted once and a pair
        // that cannot hold one another is told apart without a substring search.
        let listed_bytes: Vec<ByteSet> = listed.iter().map(|l| ByteSet::of(l)).collect();
        for s in sentences(body) {
            let sentence = Sentence::new(s);
            let item = clean_item(sentence.text);
            let item_bytes = ByteSet::of(if listed.is_empty() { "" } else { &item });
            if item.is_empty()
                || listed.iter().zip(&listed_bytes).any(|(l, l_bytes)| {
                    (l_bytes.has_all(&item_bytes) && l.contains(&item))
                        || (item_bytes.has_all(l_bytes) && item.contains(l.as_str()))
                })
            {
                continue;
            }
            if sentence.is_send_request(body_asks, short) {
                requests.push(item);
            } else if sentence.is_question() {
                questions.push(item);
            } else if sentence.is_plain_ask(body_pleads) {
                // "confírmenme el peso, por favor" asks to be told: a question, as
                // the polite reading below takes it ("ok confirm, pi pls" confirms).
                if POLITE_ASK.is_match(&sentence.lower)
                    && POLITE_ASK_TO_TELL.is_match(&sentence.lower)
                {
                    questions.push(item);
                } else {
                    plain_asks.push(item);
                }
            }
        }
    }
    questions.truncate(20);
    requests.truncate(20);

    let has_quantity = has_quantity(lower);
    let names_product = !one_click
        && (SPEC.is_match(lower)
            || names_product_noun(lower)
            || inquiry.product_title().is_some_and(|title| {
                let title = title.to_lowercase();
                let title_stems: Vec<&str> = stems(&title).collect();
                stems(lower).any(|stem| title_stems.contains(&stem))
                    || shares_han_run(&title, lower)
                    || names_short_noun_in_plural(&title, lower)
            }));
    // A message that names what it is about or a count (in the buyer's own units too:
    // "400 комплектов", "٣٠٠ طقم") and asks nothing by the words above may still ask
    // politely: its polite sentences that ask for an answer are its questions, the
    // others its requests (read only then: the search costs every message it runs on).
    // A message that names neither, in a language whose product words we do not read
    // ("Lütfen sandalyelerin teslim süresini bildirin", "يرجى تأكيد موعد تسليم
    // المناشف"), asks the same way about a term any product has: there, only its
    // polite sentences that name such a term are read ("please confirm your data" is
    // no question about a product).
    let found_requests = !requests.is_empty();
    let asks_politely =
        !one_click && questions.is_empty() && !found_requests && POLITE_ASK.is_match(lower);
    let names_what_or_count = asks_politely
        && (names_product
            || has_quantity
            || crate::core::triage::signals::counted_in_own_units(lower));
    if asks_politely && (names_what_or_count || TRADE_TERM.is_match(lower)) {
        for s in sentences(body) {
            let sentence = Sentence::new(s);
            let item = clean_item(sentence.text);
            if item.is_empty()
                || listed.contains(&item)
                || questions.contains(&item)
                || requests.contains(&item)
                || sentence.is_question()
                || !POLITE_ASK.is_match(&sentence.lower)
                || (!names_what_or_count && !TRADE_TERM.is_match(&sentence.lower))
            {
                continue;
            }
            if POLITE_ASK_TO_TELL.is_match(&sentence.lower) {
                questions.push(item);
            } else {
                requests.push(item);
            }
        }
    }
    let polite_only = !found_requests && plain_asks.is_empty() && !requests.is_empty();
    for ask in plain_asks {
        if !questions.contains(&ask) && !requests.contains(&ask) {
            requests.push(ask);
        }
    }
    questions.truncate(20);
    requests.truncate(20);
    let identified = crate::core::language::identify(lower);
    Reading {
        one_click,
        questions,
        requests_only_polite: polite_only,
        requests,
        names_product,
        has_quantity,
        wants_contact_app: CONTACT_APP.is_match(lower),
        language: identified.language,
        language_sure: identified.sure,
        concepts: Concepts {
            quantity: QUANTITY_ANY.is_match(lower),
            qualified_request: QUALIFIED_REQUEST.is_match(lower),
            everything: EVERYTHING.is_match(lower),
            complaint: COMPLAINT.is_match(lower),
            review: REVIEW.is_match(lower),
            shipping: SHIPPING_ASK.is_match(lower),
            deal_under_way: false, // read from the concept tables by triage
            order_progress: false, // read from the concept tables by triage
            quoted_search: QUOTED_SEARCH.is_match(lower),
            buying_words: false, // read from the concept tables by triage
        },
    }
}

/// The text of a numbered, lettered or bulleted list line ("1. …", "(b) …", "- …"):
/// after optional space, a marker (`1.`, `12)`, `(3)`, `2、`, `4:`, `a.`, `(h)`, `-`,
/// `•`, `*`, `·`), optional space, then the item, never empty. Read by hand: it runs on
/// every line of every message, where a capturing search costs more than the rest.
fn list_item(line: &str) -> Option<&str> {
    let after_space = line.trim_start_matches(is_space);
    let rest = list_marker(after_space)?;
    let item = rest.trim_start_matches(is_space);
    // An item is one line (a `.` of a pattern); only space after the marker leaves
    // its last character as the item, as a greedy `\s*` before `(.+)` would.
    if !item.is_empty() {
        return (!item.contains('\n')).then_some(item);
    }
    let last = rest.chars().next_back()?;
    (last != '\n').then(|| &rest[rest.len() - last.len_utf8()..])
}

/// What follows the list marker at the start of `s`, if `s` starts with one.
fn list_marker(s: &str) -> Option<&str> {
    let bytes = s.as_bytes();
    if let Some(rest) = s.strip_prefix(['-', '•', '*', '·']) {
        return Some(rest);
    }
    let open = usize::from(bytes.first() == Some(&b'('));
    let digits = bytes[open..]
        .iter()
        .take(2)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits > 0 {
        return s[open + digits..].strip_prefix(['.', ')', '、', ':']);
    }
    match bytes.get(open) {
        Some(b'a'..=b'h') => s[open + 1..].strip_prefix(['.', ')']),
        _ => None,
    }
}

/// A white-space character as the engine's patterns read `\s` (see `pattern_source::ENGINE_CLASSES`).
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list-line reading as a pattern says it; `list_item` must read every line alike.
    fn list_item_by_pattern(line: &str) -> Option<&str> {
        // The engine's patterns have no capture groups; the full `regex` crate reads
        // this one's for the test.
        static ITEM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            let pattern = crate::core::pattern_source::with_engine_classes(
                r"^\s*(?:\(?[0-9]{1,2}[.)、:]|\(?[a-h][.)]|[-•*·])\s*(.+)$",
            );
            regex::Regex::new(&pattern).expect("the list-item pattern compiles")
        });
        ITEM.captures(line)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str())
    }

    #[test]
    fn a_text_holds_another_only_if_it_holds_its_bytes() {
        let texts = [
            "",
            "a",
            "what is the moq",
            "1. what is the moq for 500 pcs of the 24 inch model?",
            "the moq",
            "价格多少",
            "请问价格多少？",
            "moq?",
        ];
        for hay in texts {
            for needle in texts {
                if hay.contains(needle) {
                    assert!(
                        ByteSet::of(hay).has_all(&ByteSet::of(needle)),
                        "{hay:?} holds {needle:?}"
                    );
                }
            }
        }
        assert!(!ByteSet::of("the moq").has_all(&ByteSet::of("moq?")));
    }

    #[test]
    fn list_lines_read_by_hand_as_the_pattern_reads_them() {
        // Every string of up to five characters over the characters that matter.
        let alphabet = [
            '(', '1', '2', '3', 'a', 'h', 'i', '.', ')', '、', ':', '-', '•', '·', ' ', '\n',
            '\u{3000}', 'x',
        ];
        let mut lines = crate::core::text::every_string(&alphabet, 5);
        for line in [
            "1. How much?",
            "  (2) MOQ",
            "b) colour",
            "12、价格",
            "• lead time",
            "123. no",
            "(i) no",
        ] {
            lines.push(line.to_string());
        }
        for line in &lines {
            assert_eq!(list_item(line), list_item_by_pattern(line), "{line:?}");
        }
    }

    fn reading(body: &str, title: Option<&str>) -> Reading {
        let product = title.map(|t| crate::core::inquiry::Product {
            id: None,
            title: Some(t.into()),
        });
        read(&Inquiry {
            body: body.into(),
            product,
            ..Inquiry::default()
        })
    }

    #[test]
    fn questions_by_punctuation_lists_and_words() {
        let cases: &[(&str, &[&str])] = &[
            ("Is the lace HD? Can you do 24 inch?", &["Is the lace HD?", "Can you do 24 inch?"]),
            ("Kindly clarify:\n(a) your best rate per MT CIF Nhava Sheva\n(b) whether MTC will be given", &["your best rate per MT CIF Nhava Sheva", "whether MTC will be given"]),
            ("想问一下：\n1. 这款路灯的出厂价多少？\n2. 可以做认证吗？", &["这款路灯的出厂价多少？", "可以做认证吗？"]),
            ("¿Cuál es el precio FOB? ¿Tienen certificado?", &["¿Cuál es el precio FOB?", "¿Tienen certificado?"]),
            ("Hello, what is the MOQ", &["what is the MOQ"]),
            // Indirect asks, with no question word at the start and no "?".
            ("Our shop would like to know the lead time to Durban.", &["Our shop would like to know the lead time to Durban."]),
            ("Здравствуйте. Подскажите срок поставки в Минск", &["Подскажите срок поставки в Минск"]),
            // A greeting with no comma after it, in the buyer's language.
            ("hi what price for 300 smart watch black strap, ship to miami", &["what price for 300 smart watch black strap, ship to miami"]),
            ("merhaba ne zaman gönderirsiniz", &["ne zaman gönderirsiniz"]),
            ("halo apakah bisa kirim ke Medan", &["apakah bisa kirim ke Medan"]),
            // A word that only begins like a greeting is no greeting.
            ("Highest grade steel? Which one", &["Highest grade steel?", "Which one"]),
        ];
        for (body, want) in cases {
            assert_eq!(reading(body, None).questions, *want, "{body}");
        }
    }

    #[test]
    fn asking_to_send_is_a_request() {
        let r = reading(
            "Could you please send the datasheet for the 5 kW inverter? Also what is the warranty?",
            None,
        );
        assert_eq!(
            r.requests,
            ["Could you please send the datasheet for the 5 kW inverter?"]
        );
        assert_eq!(r.questions, ["Also what is the warranty?"]);
        let r = reading("Send me your price list and whatsapp number pls", None);
        assert_eq!(r.requests.len(), 1);
        assert!(r.wants_contact_app);
    }

    #[test]
    fn one_click_shape() {
        assert!(reading("Hi, I'm interested in your product Solar Panel 550W, I would like some more details. I look forward for your reply. Regards, Arjun", Some("Solar Panel 550W")).one_click);
        assert!(!reading("I'm interested in your products, what is the price?", None).one_click);
    }

    #[test]
    fn product_named_in_the_text_not_only_on_the_card() {
        assert!(
            reading(
                "price for the frontal wigs in 22 inch?",
                Some("13x4 HD Lace Frontal Wig")
            )
            .names_product
        );
        assert!(!reading("price?", Some("13x4 HD Lace Frontal Wig")).names_product);
        assert!(reading("这款保温杯可以印logo吗", Some("不锈钢保温杯 500ml")).names_product);
        assert!(!reading("你们的产品可以定制吗", Some("定制产品 不锈钢保温杯")).names_product);
        // Regression: inflected non-English product words were missed.
        assert!(reading("Нужны батареи, 200 штук", None).names_product);
        assert!(reading("Preço dos painéis solares?", None).names_product);
        assert!(!reading("interested in your products, send catalogue", None).names_product);
    }

    #[test]
    fn every_greeting_is_stripped_in_any_case() {
        for g in GREETINGS {
            let capital: String = g
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let upper: Vec<char> = if i == 0 {
                        c.to_uppercase().collect()
                    } else {
                        vec![c]
                    };
                    upper
                })
                .collect();
            for written in [g.to_string(), capital, g.to_uppercase()] {
                assert_eq!(
                    without_greeting(&format!("{written}, the MOQ?")),
                    "the MOQ?",
                    "{written}"
                );
            }
        }
        assert_eq!(without_greeting("Thanks, the MOQ?"), "Thanks, the MOQ?");
    }

    #[test]
    fn greeting_with_full_width_punctuation() {
        // Regression: "您好！" was cut inside the multi-byte "！" and panicked.
        let r = reading("您好！请问这款面板灯价格多少？", None);
        assert_eq!(r.questions, ["请问这款面板灯价格多少？"]);
    }

    #[test]
    fn languages() {
        for (text, lang) in [
            ("Hello, what is the price for 100 pcs?", "en"),
            ("Necesitamos 300 sillas, ¿cuál es el precio?", "es"),
            ("Qual o preço para 2 containers? Obrigado", "pt"),
            ("Bonjour, quel est le prix pour 2000 pièces ?", "fr"),
            ("Здравствуйте! Какая цена?", "ru"),
            ("你好，价格多少？", "zh"),
            ("كم السعر؟", "ar"),
        ] {
            assert_eq!(language_of(text), lang, "{text}");
        }
    }

    #[test]
    fn quantities_in_eastern_arabic_digits_and_unmarked_units() {
        for text in [
            "٥٠٠ قطعة لون ابيض",
            "lay 400 cai mau trang",
            "can 300 chiec",
            "200 tane lazim",
        ] {
            assert!(reading(text, None).concepts.quantity, "{text}");
        }
        assert!(!reading("mau trang cai nay", None).concepts.quantity);
    }

    #[test]
    fn document_words_are_read_as_words_not_inside_others() {
        // "facture" lies inside "manufacturer", "rechnung" inside "Berechnung".
        assert!(
            reading("We are the manufacturer, we send the PO after that.", None)
                .requests
                .is_empty()
        );
        assert!(reading("Bitte schicken Sie die Berechnung.", None)
            .requests
            .is_empty());
        assert!(!reading("Merci d'envoyer la facture.", None)
            .requests
            .is_empty());
        assert!(!reading("Bitte schicken Sie die Rechnung.", None)
            .requests
            .is_empty());
    }
}

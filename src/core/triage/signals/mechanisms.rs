//! Mechanisms: how a scam works, read from the concepts a message names and its
//! structure (links, attachments, what the buyer gives), in every buyer language.
//!
//! Wording changes from one lure to the next; the mechanism does not. A lure must
//! get the supplier to open something and sign in, or to pay before being paid, or
//! to buy the sender's service, or to give away prices without a real need. Each
//! family below looks for one of those moves. The thresholds are named constants so
//! a change is a reviewed edit, not a stray number.

use super::{Hit, Text};
use crate::core::triage::concepts::{Concept, Found, Word};
use crate::core::triage::rules::Code;

/// A message with at most this many words and an outside link is a teaser: the
/// substance is behind the link.
pub const TEASER_MAX_WORDS: usize = 60;
/// In a message of at most this many words, sign-in wording next to a link is a
/// credential lure by itself.
pub const SHORT_LURE_WORDS: usize = 80;
/// A lure sends the supplier to one place: newsletters with many links are not lures.
pub const FEW_LINKS: usize = 3;
/// A message with at most this many words and no buying words at all is not a buyer's.
pub const NO_BUYING_WORDS_MAX: usize = 60;
/// A message with at most this many words says too little to act on.
pub const TOO_SHORT_WORDS: usize = 3;
/// A message from a product page needs at least this many words before saying
/// nothing of the product reads as unrelated (fewer is [`TOO_SHORT_WORDS`] ground).
pub const UNRELATED_MIN_WORDS: usize = 5;
/// A run of Latin letters this long with no vowel (`sdfghj`), or one letter
/// repeated this often (`ooooo`), is a key pressed, not a word.
pub const MASH_MIN_LETTERS: usize = 5;
/// A contact request of at most this many words is one line: with no product card
/// it leaves nothing to quote on.
pub const CONTACT_LINE_WORDS: usize = 12;
/// Substance signs (quantity, specification, product, terms, target price) a
/// message needs before its contact or pricing requests read as a buyer's.
pub const SUBSTANCE_SIGNS: usize = 1;

/// An account named as changed this often (the new one and the old, the new one and
/// where it is written) says the money is being moved.
pub const REDIRECT_NAMINGS: usize = 2;

/// What the mechanism detectors read: concepts, links and how much buying substance
/// the message carries.
pub struct Evidence<'a> {
    /// The prepared text.
    pub text: &'a Text,
    /// The concepts named.
    pub found: &'a Found,
    /// Hosts of links outside the platform.
    pub outside_links: usize,
    /// Substance signs found (quantity, specification, product, terms, target price).
    pub substance: usize,
    /// Whether a quantity was given.
    pub quantity: bool,
    /// Whether the message has attachments.
    pub attachments: bool,
    /// Whether the buyer asks something (a question mark or a question form).
    pub asks: bool,
    /// Whether the sender asks the supplier to send something (the reading's requests,
    /// not only polite asks to act, and not a chat app to talk on as the reading knows
    /// them). [`substance`] counts it as a buyer's word only where a paper is named
    /// ("send an email to be removed", "free gift offer" are requests too), but any
    /// such request sent from a product page is about that page (no unrelated text).
    pub requests_thing: bool,
    /// Whether the inquiry came with a product (the platform attaches the product
    /// card of the page it was sent from).
    pub product: bool,
    /// Whether the buyer answers a conversation the supplier took part in.
    pub conversation: bool,
    /// Whether an order already under way (its deposit, proforma, production) is
    /// named and there is no link to open.
    pub order_under_way: bool,
    /// Whether the body's language is one the concept tables read, shown by its words
    /// or script: only there does finding no buying word say the sender wrote none.
    pub readable: bool,
    /// Whether the text counts something: a number with a unit or a word after it, in
    /// any script ("200 stuks", "100個", "300개").
    pub count: bool,
    /// Words of the subject, read before the body's (the platform writes most
    /// subjects: "Inquiry from Store Homepage" is not the sender's line).
    pub subject_words: usize,
    /// Whether every outside link goes to the buyer's own website (its profile's), or
    /// straight to a drawing file (a CAD file has no page to sign in on).
    pub own_site_links: bool,
    /// Whether the text writes out an address at a free mail provider
    /// ([`super::webmail_address`]): a personal mailbox to be answered in.
    pub webmail_address: bool,
}

impl Evidence<'_> {
    fn has(&self, c: Concept) -> bool {
        self.found.has(c)
    }

    fn related(&self, a: Concept, b: Concept) -> bool {
        self.found.related(a, b)
    }

    fn related_any(&self, a: Concept, bs: &[Concept]) -> bool {
        bs.iter().any(|b| self.related(a, *b))
    }

    /// Whether `all` (at most three concepts) and the supplier, addressed ("you",
    /// "please": `Reader`) or named ("the seller": `SupplierNamed`), are named in one
    /// clause (see [`Found::in_one_clause`]).
    fn in_one_clause_with_supplier(
        &self,
        all: &[Concept],
        none: &[Concept],
        questions: bool,
    ) -> bool {
        [Concept::Reader, Concept::SupplierNamed]
            .into_iter()
            .any(|who| {
                let mut with = [who; 4];
                let Some(head) = with.get_mut(..all.len()) else {
                    return false;
                };
                head.copy_from_slice(all);
                self.found
                    .in_one_clause(&with[..=all.len()], none, questions)
            })
    }

    /// A tender whose fee words are all papers (certificates, permits) and that names
    /// no money of the supplier's: no sum, no paying word, no agent's cut, no other
    /// account, nothing to be paid back. A bidder asks the supplier for the papers its
    /// bid needs ("für die Angebotsabgabe benötigen wir Ihr ISO-13485-Zertifikat",
    /// "transmettre le certificat CE"); a lure sells the supplier one and says for
    /// how much or to whom it is paid ("acheter le certificat d'agrément (950 EUR)").
    fn tender_papers_only(&self) -> bool {
        use Concept::*;
        self.has(Tender)
            && self.has(Paper)
            && self.found.count(FeeFirst) <= self.found.count(Paper)
            && ![
                Pay,
                SupplierPays,
                Commission,
                MoneyTransfer,
                BankChange,
                RefundLater,
            ]
            .into_iter()
            .any(|c| self.has(c))
            // A budget in a sentence of its own is the bidder's; a sum in the paper's
            // clause, or one written with a sign, prices what the supplier is to buy.
            && !self.found.in_one_clause(&[FeeFirst, Sum], &[], true)
            && !super::names_sum(&self.text.lower)
    }

    /// No quantity, specification, product or terms: nothing a seller can quote on.
    pub fn lacks_substance(&self) -> bool {
        self.substance < SUBSTANCE_SIGNS
    }
}

/// Adds a rule once. Mechanisms carry no detail: the rule's own sentence, in the
/// rep's language, says what was seen (a detail is shown untranslated).
fn push(out: &mut Vec<Hit>, code: Code) {
    if !out.iter().any(|h| h.code == code) {
        out.push(Hit { code, detail: None });
    }
}

/// Links and documents: a sign-in or a document the supplier must open elsewhere.
pub fn lures(e: &Evidence, out: &mut Vec<Hit>) {
    use Concept::*;
    // A payment said to be made for an order already under way (its deposit, its
    // proforma, its production), with no link to open, is a buyer's news: the bait
    // sends the supplier somewhere to "confirm" it, and a risky file is read on its
    // own (DANGEROUS_ATTACHMENT).
    let order_under_way = e.order_under_way;
    if !order_under_way && !out.iter().any(|h| h.code == Code::PAYMENT_BAIT) {
        if let Some(m) = super::PAYMENT_BAIT.find(&e.text.lower) {
            out.push(super::hit_on(Code::PAYMENT_BAIT, m.as_str().trim()));
        }
    }
    if e.outside_links > 0 {
        // Sign-in wording by the link, and in a longer text tied to a document, an
        // account or payout warning, or money promised (a subsidy, a refund of tax):
        // mailing lists talk of passwords too, lures ask for one.
        let sign_in = e.found.near_link(LogIn)
            && (e.found.own_words <= SHORT_LURE_WORDS
                || (e.outside_links <= FEW_LINKS
                    && e.related_any(LogIn, &[OrderDocument, AccountAlert, PaymentSent, Prize])));
        if sign_in {
            push(out, Code::CREDENTIAL_LINK);
        }
        // An order or document behind the link, or a bare "open the link" with
        // nothing else to quote on (a follow-up pushing the supplier to click).
        // An account alert's own link is the account lure's (below), not a document's.
        let document = e.has(OrderDocument)
            || (e.has(OpenDocument)
                && (e.has(Purchase) || e.lacks_substance())
                && !e.has(AccountAlert));
        // A document on the buyer's own website, or a drawing file itself, with no
        // sign-in asked, is the buyer's spec sheet: the lure needs a page on a host the
        // supplier cannot tie to the buyer.
        let own_document = e.own_site_links && !e.has(LogIn);
        if document && !own_document && e.found.own_words <= TEASER_MAX_WORDS && e.substance <= 2 {
            push(out, Code::DOCUMENT_LURE);
        }
        if e.has(AccountAlert) {
            push(out, Code::ACCOUNT_THREAT);
            // A mailbox "full", an account "suspended", and one place to fix it: no
            // buyer writes this; the link is the whole message. (A buyer who says the
            // supplier's mailbox bounced gives a quantity; one link is one lure.)
            if e.found.own_words <= SHORT_LURE_WORDS
                && e.outside_links <= FEW_LINKS
                && !e.quantity
                && !out.iter().any(|h| h.code == Code::DOCUMENT_LURE)
            {
                push(out, Code::ACCOUNT_LURE);
            }
        }
        if e.has(PaymentSent) {
            push(out, Code::PAYMENT_BAIT);
        }
    } else if e.has(AccountAlert) && (e.has(LogIn) || e.attachments) {
        push(out, Code::ACCOUNT_THREAT);
    }
    // A QR code is a link the text cannot show: an order, a sign-in or an account
    // warning to be read by scanning one is as hidden as behind an outside link. A
    // buyer asking for the supplier's payment code names none of those.
    // A code to scan and a sign-in in one clause ("scan the code in the PDF and log
    // in to view the order") is the lure at any length: Chinese counts a character
    // as a word, and a subject and a signature make a teaser long.
    if e.outside_links == 0 && e.has(QrCode) {
        let teaser = e.found.own_words <= TEASER_MAX_WORDS && e.substance <= 2;
        if (teaser && e.related_any(QrCode, &[LogIn, AccountAlert]))
            || e.found.in_one_clause(&[QrCode, LogIn], &[], false)
        {
            push(out, Code::CREDENTIAL_LINK);
        } else if teaser && e.related(QrCode, OrderDocument) {
            push(out, Code::DOCUMENT_LURE);
        }
    }
    if !order_under_way && e.attachments && e.has(PaymentSent) && e.lacks_substance() {
        push(out, Code::PAYMENT_BAIT);
    }
}

/// Money flowing the wrong way: fees first, overpayment refunds, agents' cuts,
/// changed accounts, payment outside banks.
pub fn money(e: &Evidence, out: &mut Vec<Hit>) {
    use Concept::*;
    // A fee beside a tender or a visa is the lure's, unless the message is a buyer's
    // own tender: one that asks for certificates and gives what it buys, and puts no
    // cost on the supplier or cut on an agent.
    // A sum in the fee's own clause ("the conformity certificate, USD 800, from our
    // agent") prices what the supplier is to buy: a bidder's papers have no price.
    let own_tender = !e.lacks_substance()
        && !e.has(SupplierPays)
        && !e.has(Commission)
        && !e.found.in_one_clause(&[FeeFirst, Sum], &[WePay], false);
    // A fee beside easy money (a job from home, a prize, a quick loan) in a short
    // message is the price of a promise that never pays out.
    let paid_promise = e.found.word_count <= SHORT_LURE_WORDS && e.related(FeeFirst, Prize);
    // "Before payment", "to release the order" say when, not who pays: a buyer wants
    // the certificate before it pays ("we need the CE certificate before payment",
    // "需要证书才能下单"), so they make no fee the supplier's. A fee demanded before
    // payment names its payer ("the certification fee must be paid first", read
    // below). Beside an invitation, an agent's cut, a refund or another account they
    // still say the supplier's money moves first.
    let supplier_pays = |c: Concept| e.related(c, SupplierPays) || e.related(c, BeforePayment);
    // A clause that says the supplier pays nothing ("register on our portal, you do
    // not need to pay anything", "no tiene que pagar nada") is a buyer's onboarding:
    // its paying words are negated, not demanded.
    let free = e.found.in_one_clause(&[SupplierPays, NoCharge], &[], true);
    // Paying words put on the supplier count where they demand: in a clause that
    // does not ask ("sertifika ücreti sizden mi?" bargains over the price), and whose
    // payer is not the sender's own side. The payer is the clause's subject, read
    // before the paying word ([`Found::said_of_sender`]): "nuestro agente debe
    // depositar la fianza", "our customs broker must pay the clearance fee",
    // "清关押金由我方报关行缴纳" have the sender's side pay, whatever else the clause
    // or the message says; "our agent needs you to transfer the bond", "ur company
    // must pay ... to our agent, then we pay" have the reader pay; a paying word with
    // no subject before it ("debe pagar primero", "as agreed, must pay the fee") is
    // the reader's. Such paying words, and a word of obligation read as the reader's
    // ("debe", "يجب") with the sender's side as its subject, are passed over. A fee
    // demanded of the reader in another clause is read below, by its payer.
    let others = |c: Concept, x: (usize, u32)| e.found.said_of_sender(c, x);
    let demanded = e
        .found
        .in_one_clause_where(&[SupplierPays], &[], false, others);
    if (e.related(FeeFirst, SupplierPays) && !free && demanded)
        || paid_promise
        || (e.related(FeeFirst, Tender) && !own_tender && !e.tender_papers_only())
        || (e.related(FeeFirst, Invitation) && !own_tender)
        || supplier_pays(Invitation)
        || (supplier_pays(Commission) && e.has(Tender))
    {
        push(out, Code::ADVANCE_FEE);
    }
    // Who pays, read in one clause: a fee of the lure's kinds, a paying verb and the
    // reader as the one addressed ("you must pay", "merci d'acquitter les frais",
    // "ödemeniz gerekiyor", "请缴纳"), in any word order, and not the sender as the
    // payer ("we will pay the inspection fee") nor the paying verb's subject ("our
    // inspector pays the fee, nothing is needed from you"). A clause that asks ("can
    // you cover the certificate?") is a buyer's bargaining, not a demand.
    // The supplier named in the third person demands only with an obligation ("the
    // inspection fee must be paid by the supplier"); without one it states a term
    // ("the SGS fee is paid by the seller in our contracts").
    if e.found
        .in_one_clause_where(&[FeeFirst, Pay, Reader], &[WePay, NoCharge], false, others)
        || e.found.in_one_clause_where(
            &[FeeFirst, Pay, SupplierNamed, Obligation],
            &[WePay, NoCharge],
            false,
            others,
        )
    {
        push(out, Code::ADVANCE_FEE);
    }
    // A fee, its sum and where it goes in one clause, the place another account or the
    // sender's agent ("the registration fee is 150usd to our agent", "رسوم التسجيل 200
    // دولار لحساب وكيلنا"): no paying verb is needed for the money to flow the wrong
    // way. A buyer's own agent paid by the buyer says who pays ("we pay the 300 USD
    // inspection fee to our agent").
    if e.found
        .in_one_clause(&[FeeFirst, Sum, BankChange], &[WePay, NoCharge], false)
    {
        push(out, Code::ADVANCE_FEE);
    }
    // A cost the supplier is told to pay now, with the sender's promise to pay it back
    // with the order ("pay our courier $85 first, we refund it with the first order"):
    // the fee need not be named, the money still flows the wrong way. A real buyer
    // pays its own courier, agent and certificate, or asks for them in the price.
    if e.has(RefundLater)
        && (e.related(RefundLater, SupplierPays)
            || e.related(RefundLater, BeforePayment)
            || e.in_one_clause_with_supplier(&[Pay], &[WePay], false))
    {
        push(out, Code::ADVANCE_FEE);
    }
    // A payment said made and more than owed is the lure's opening ("our cheque will
    // be above the invoice") unless it is a customer's account of an order already
    // placed with the supplier ("we overpaid $320 on the last shipment, the slip is in
    // your mail; deduct it from the next order"): there the excess stays with the
    // supplier as credit. Money sent on elsewhere (another account, a transfer service,
    // an agent's cut, a cost put on the supplier) is read for both.
    let customer_credit = (e.has(DealReference) || e.order_under_way)
        && !e.in_one_clause_with_supplier(&[Pay], &[WePay], false);
    if e.related_any(
        Overpayment,
        &[
            BankChange,
            MoneyTransfer,
            Commission,
            SupplierPays,
            BeforePayment,
        ],
    ) || (e.related(Overpayment, PaymentSent) && !customer_credit)
        || e.found.count(Overpayment) >= 2
    {
        push(out, Code::OVERPAYMENT_REFUND);
    }
    if e.has(Commission)
        && (e.has(Tender) || e.has(SupplierPays) || e.has(BeforePayment) || e.has(BankChange))
    {
        push(out, Code::AGENT_COMMISSION);
    }
    // Another account and money the reader is told to send to it: a fee, a refund,
    // a transfer ("veuillez effectuer le virement sur notre nouveau compte"), or an
    // agent's cut to a personal account ("我的佣金请直接转到我个人的账户"). Where every
    // such account is named in a clause that has the sender pay ("we pay the 300 USD
    // inspection fee to our agent ourselves"), the money is the sender's own.
    let sender_pays_it = e.found.in_one_clause(&[BankChange, WePay], &[], true)
        && !e.found.in_one_clause(&[BankChange], &[WePay], true);
    if (e.related_any(
        BankChange,
        &[
            PaymentSent,
            SupplierPays,
            BeforePayment,
            Overpayment,
            MoneyTransfer,
            FeeFirst,
            Commission,
        ],
    ) && !sender_pays_it)
        || e.in_one_clause_with_supplier(&[BankChange, Pay], &[WePay], false)
        || redirected(e)
    {
        push(out, Code::CHANGED_BANK_DETAILS);
    }
    if e.has(MoneyTransfer) {
        push(out, Code::OFF_BANK_PAYMENT);
        // Gift cards, a money-transfer service or crypto the supplier is told to send
        // ("para liberar el pedido, envíe tarjetas de regalo"): money the wrong way,
        // a fee by another name. Read in one clause that demands, not asks: a buyer
        // who offers to pay that way asks or says so ("before payment, can you accept
        // Western Union?", "we can pay by Western Union").
        if e.found
            .in_one_clause(&[MoneyTransfer, SupplierPays], &[WePay], false)
            || e.found
                .in_one_clause(&[MoneyTransfer, BeforePayment], &[WePay], false)
        {
            push(out, Code::ADVANCE_FEE);
        }
        // A gift card or a transfer service named as a guarantee, a deposit or a fee,
        // or as money "returned later" ("kode voucher Google Play sebagai jaminan,
        // nanti dikembalikan"), is a deposit demanded of the supplier whoever is said
        // to ask it: a buyer pays its own deposit ("we pay the deposit by Western
        // Union") or asks how it may pay ("¿podemos pagar por Western Union?"), and
        // gets nothing back from the supplier.
        let stated = e.found.in_one_clause(&[MoneyTransfer], &[], false);
        if (e.related(MoneyTransfer, FeeFirst) && !e.has(WePay) && stated)
            || e.related(MoneyTransfer, RefundLater)
        {
            push(out, Code::ADVANCE_FEE);
        }
    }
}

/// Money redirected: an account named as changed at least twice ("our old account is
/// blocked … the new account below, not the old one"), named as the sender's own and
/// written out (its IBAN, SWIFT or beneficiary), and a clause that tells the reader
/// where money goes now ("must be sent to the new account", "lütfen yeni IBAN'a
/// gönderiniz"), with no paying word of the sender's own. What is to be sent (a
/// refund, a freight charge, a balance) need not be named: the account is the
/// mechanism. A buyer who pays from a new account says so as the payer ("we will pay
/// from our new account"); one who checks the supplier's changed account names the
/// supplier's ("you have a new account"); an old and a new mail account are no bank's.
fn redirected(e: &Evidence) -> bool {
    use Concept::*;
    e.found.count(BankChange) >= REDIRECT_NAMINGS
        && e.has(BankAccount)
        && e.has(OwnAccount)
        && !e.has(WePay)
        && (e
            .found
            .in_one_clause(&[BankChange, Reader], &[WePay], false)
            || e.found
                .in_one_clause(&[BankChange, Obligation], &[WePay], false))
}

/// The sender sells rather than buys.
pub fn intent(e: &Evidence, out: &mut Vec<Hit>) {
    use Concept::*;
    // A need said of the sender and tied to what it wants ("we need 200
    // wheelchairs", "нам нужны 40 тентов", "wir brauchen 5.000", "we want to buy")
    // makes the sender a buyer, whatever trade it names: a logistics firm, a customs
    // broker or an agency buying goods describes its own work in a seller's words
    // ("our company provides logistics for hospitals"). The seller readings give way
    // to it here, the fixed offer phrases in `signals::wording`. A bare "need" does
    // not count: pitches say "if you need shipping" and "有需要随时联系".
    if !e.has(WeNeed) {
        // An offer word anywhere in a short message sells a service only where that
        // service is offered: not asked of the reader, nor done by the sender for
        // itself. A sender who counts what it buys and speaks to the supplier, and names
        // the service only in clauses that ask the supplier for it ("请提供说明书和检测报告，
        // 首批5000件", "please send us the test report, qty 1,200", "请把检测报告发给我们")
        // or that say, to no one, that the sender does it on its own ("产品注册我们自己
        // 办理", "we handle the clearance ourselves", "fazemos por conta própria"),
        // wants the document from the supplier as a buyer does. Pitches say "your store"
        // and "if you need" too: without a count the reader's clause proves nothing; an
        // own-side word said to the reader ("如果您需要清关，我们提供…") is the pitch's
        // "if you need"; and in a message that never speaks to the reader it is the
        // pitch's call to buy ("需要的加V").
        let offered = || {
            let clause = |all: &[Concept], none: &[Concept]| e.found.in_one_clause(all, none, true);
            !e.quantity
                || !e.has(Reader)
                || clause(&[Service], &[Reader, OwnSide])
                || clause(&[Service, SellerOffer], &[OwnSide])
                || clause(&[Service, SellerOffer, Reader], &[])
                || clause(&[Service, WeAct, Provide], &[OwnSide])
                || clause(&[Service, WeAct, Provide, Reader], &[])
        };
        // Or who does the service, read in one clause and in any word order: the sender
        // (a first-person subject and a doing verb, or one verb whose form says both) and
        // a service sold to exporters, with nothing saying the service is the sender's
        // own or wanted by it ("our forwarder", "selbst", "please quote FOB"), in a
        // clause that states rather than asks ("pouvez-vous vous occuper du dédouanement
        // et nous proposer un prix ?" asks the supplier for a service).
        let sells = (e.related(SellerOffer, Service) && offered())
            || e.found
                .in_one_clause(&[Service, WeAct, Provide], &[OwnSide], false);
        // The sender's identity as a service trade, when nothing is bought: "ich bin
        // Content Creator mit 95.000 Followern", "gümrük müşavirliği firmasıyız", "we have
        // lists of 25,000 importers" name no offering verb, and a short message with no
        // quantity and no need of its own is that trade's pitch. A buying word in that
        // clause ("a sourcing agent buying for a client") makes it a buyer's, and so
        // does asking the reader's price ("we are a translation company; please send
        // your price for office chairs"): what the seller prices is its own service.
        let is_the_trade = !e.quantity
            && e.found.word_count <= SHORT_LURE_WORDS
            && e.found
                .in_one_clause(&[Service, WeAre], &[OwnSide, Purchase], false)
            && !e.in_one_clause_with_supplier(&[Purchase], &[], true);
        if sells || is_the_trade {
            push(out, Code::SELLS_SERVICE);
        }
        // A maker that says what it makes and offers it ("we are a factory producing the
        // same items, we can supply you OEM, check our catalog"), with no need of its
        // own, no count, nothing asked and nothing asked for, and no buying word said
        // to the reader: a seller posing as a buyer. A maker that buys names its need
        // ("wir fertigen Möbel und brauchen 500 Gasfedern"), asks ("do you make 24 V
        // motors?") or asks the reader's price ("please quote your 3 kW motors").
        let sells_goods = e.has(Maker)
            && !e.quantity
            && !e.asks
            && !e.requests_thing
            && !e.found.in_one_clause(&[Purchase, Reader], &[], true);
        if sells_goods {
            push(out, Code::SELLS_GOODS);
        }
    }
    // "Someone applied to register your name as a domain or a keyword; confirm or we
    // approve it": the registrar sells the registration, and nothing is bought. Its
    // words may read as a product named (a 审核机构, an "audit institution", ends like
    // a machine's name); what it lacks is what a buyer gives: a quantity or a buying
    // word.
    if e.has(NameClaim) && (e.lacks_substance() || (!e.quantity && !e.has(Purchase))) {
        push(out, Code::SELLS_SERVICE);
    }
    if e.has(Crypto) && (e.lacks_substance() || e.found.count(Crypto) >= 2) {
        push(out, Code::INVESTMENT_PITCH);
    }
    let short = e.found.word_count <= SHORT_LURE_WORDS;
    if e.has(Romance) && ((short && e.lacks_substance()) || e.found.count(Romance) >= 2) {
        push(out, Code::ROMANCE_BAIT);
    }
    if e.has(Prize) && e.lacks_substance() {
        push(out, Code::MONEY_OFFER);
    }
    // A buyer who has ordered from the supplier before and pays its own way asks a
    // letter to visit a factory it already buys from ("we have placed three orders with
    // you; tickets and hotel are on us"): the lure's letter comes before any order, or
    // with the trip put on the supplier (read above as a fee).
    let returning_visitor = e.has(DealReference) && e.has(WePay) && !e.has(SupplierPays);
    if returning_visitor {
        out.retain(|h| h.code != Code::INVITATION_LETTER);
    } else if e.has(Invitation) && !e.quantity {
        push(out, Code::INVITATION_LETTER);
    }
    // A tender named with what it buys in one clause ("a tender for the purchase of
    // lamps", "тендер на закупку") is a buyer's own call for offers unless money is
    // asked of the supplier: the bait is the fee or the agent's cut.
    let calls_for_offers = e.found.in_one_clause(&[Tender, Purchase], &[], true);
    // A buyer's own tender says what it buys in the clause that names it, and asks no money of the
    // supplier and no cut for an agent: a fee word beside it is a certificate it
    // asks for, and "public procurement" is where the tender is published, not a
    // story (the wording pass reads that phrase alone).
    let money_asked = out.iter().any(|h| {
        matches!(
            h.code,
            Code::ADVANCE_FEE
                | Code::CHANGED_BANK_DETAILS
                | Code::AGENT_COMMISSION
                | Code::OFF_BANK_PAYMENT
        )
    });
    let own_tender = calls_for_offers
        && !e.lacks_substance()
        && !e.has(SupplierPays)
        && !e.has(Commission)
        && !money_asked;
    // A fee the sender says it pays itself ("аккредитацию оплачиваем сами", "the
    // portal fee is on us") is the buyer's own cost of running its tender, unless a
    // cost is put on the supplier too.
    // Papers asked for a bid are no fee ([`Evidence::tender_papers_only`]).
    let papers = e.tender_papers_only();
    let fee_on_supplier = e.has(FeeFirst) && (!e.has(WePay) || e.has(SupplierPays)) && !papers;
    if e.has(Tender) && own_tender {
        out.retain(|h| h.code != Code::GOVERNMENT_TENDER);
    } else if e.has(Tender)
        && (e.has(Commission)
            || fee_on_supplier
            // A bid that counts what it buys and asks only papers is no story either.
            || (e.lacks_substance() && !calls_for_offers && !(papers && e.count)))
    {
        push(out, Code::GOVERNMENT_TENDER);
    }
}

/// Fishing for prices without a need: everything, compared, below cost.
pub fn fishing(e: &Evidence, out: &mut Vec<Hit>) {
    use Concept::*;
    if e.outside_links > FEW_LINKS {
        return; // a newsletter compares and lists prices; a fishing buyer sends no links
    }
    if e.has(CostProbe) {
        push(out, Code::COMPETITOR_PROBE);
    }
    // A need with its count ("نحتاج 300 قطعة", "we need 300") is a quantity in
    // words the quantity reading may not know.
    if e.quantity || e.has(WeNeed) {
        return;
    }
    if e.has(AllItems) {
        push(out, Code::PRICE_LIST_FISHING);
    }
    if e.related(CompareSuppliers, Purchase) {
        push(out, Code::COMPARES_SUPPLIERS);
    }
    if e.related(WithholdsDetails, Purchase) {
        push(out, Code::WITHHOLDS_DETAILS);
    }
    if e.has(DearAll) {
        push(out, Code::MASS_INQUIRY);
    }
}

/// Contact moved off the platform when the message gives nothing to quote on.
pub fn contact(e: &Evidence, out: &mut Vec<Hit>) {
    use Concept::*;
    // A free mailbox written out is a personal channel as a chat app is ("send price to
    // my email mike88@gmail.com"); a company's own domain is no move off the platform,
    // and a buyer who counts what it wants in words the quantity reading may not know
    // ("la cotización de 200 mochilas a mi correo …") gives something to quote on.
    let moves = e.has(ContactApp) || e.has(MoveContact) || (e.webmail_address && !e.count);
    if moves && e.lacks_substance() && e.outside_links <= FEW_LINKS {
        push(out, Code::CONTACT_ONLY);
        // A line asking only to talk elsewhere, sent with no product card and outside
        // any conversation, leaves nothing at all to quote on (a price asked of no
        // product is no request).
        if !e.product
            && !e.conversation
            && e.found.own_words.saturating_sub(e.subject_words) <= CONTACT_LINE_WORDS
        {
            push(out, Code::NOTHING_TO_QUOTE);
        }
    }
    // A large order promised beside the move, with nothing named of it and no count
    // ("are you the manager? add me on WhatsApp for a big order", "me chama no zap,
    // tenho um pedidão", "thêm zalo để bàn đơn lớn"), or as the reward for a visa
    // letter ("after the visit we will place a big order"): the promise is the bait
    // for the supplier's number or paper. A buyer with a big order says what and how
    // many, in whatever words ("pedido grande: 2.000 cadeiras", "500 حقيبة"): any
    // count keeps it a buyer's; the last group of a phone number before a word
    // ("+52 55 1234 0987 para pedido grande") is no count.
    let bait_for = |c: Concept| e.related(BigOrder, c);
    if e.lacks_substance()
        && e.outside_links <= FEW_LINKS
        && ((moves && (bait_for(ContactApp) || bait_for(MoveContact))) || bait_for(Invitation))
        && (!e.count || !super::counts_beyond_phone_numbers(&e.text.lower))
    {
        push(out, Code::BIG_ORDER_BAIT);
    }
    if e.related(Pressure, MoveContact)
        || (e.has(Pressure) && e.outside_links > 0 && e.found.own_words <= TEASER_MAX_WORDS)
    {
        push(out, Code::PRESSURE_TO_MOVE);
    }
}

/// The letter rows of the keyboards buyers type on (QWERTY, AZERTY, QWERTZ): keys
/// side by side in a row are pressed by a hand sliding along it.
const KEY_ROWS: &[&[u8]] = &[
    b"qwertyuiop",
    b"asdfghjkl",
    b"zxcvbnm",
    b"azertyuiop",
    b"qsdfghjklm",
    b"wxcvbn",
    b"qwertzuiop",
    b"yxcvbnm",
];
/// The keyboards' own names are words, made of one slide each.
const LAYOUT_NAMES: &[&[u8]] = &[b"qwerty", b"azerty", b"qwertz"];
/// A slide along a keyboard row this many keys long is one stroke of a mash.
pub const MASH_SLIDE_KEYS: usize = 3;

/// Whether two letters are neighbouring keys in one row of [`KEY_ROWS`].
fn neighbour_keys(a: u8, b: u8) -> bool {
    KEY_ROWS.iter().any(|row| {
        row.windows(2)
            .any(|w| (w[0] == a && w[1] == b) || (w[0] == b && w[1] == a))
    })
}

/// Whether a word is made of slides along keyboard rows only, each at least
/// [`MASH_SLIDE_KEYS`] keys long (`asdasd`, `qweqwe`, `jkjkjk`, `sdfgh`): vowels do
/// not make it a word. Measured over every corpus and probe set: no word a buyer
/// or a mailing list wrote is made so but "qwerty", which is read only in a long
/// mail (a mash is asked of a short body with nothing to quote on).
fn keyboard_slides(b: &[u8]) -> bool {
    if LAYOUT_NAMES.contains(&b) {
        return false;
    }
    let mut slide = 1;
    for pair in b.windows(2) {
        if neighbour_keys(pair[0], pair[1]) {
            slide += 1;
        } else if slide < MASH_SLIDE_KEYS {
            return false;
        } else {
            slide = 1;
        }
    }
    slide >= MASH_SLIDE_KEYS
}

/// Whether a word is a keyboard mash: [`MASH_MIN_LETTERS`] or more Latin letters
/// with no vowel, one letter repeated, or slides along keyboard rows
/// ([`keyboard_slides`]).
pub fn is_mash(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= MASH_MIN_LETTERS
        && b.iter().all(u8::is_ascii_lowercase)
        && (!b.iter().any(|c| b"aeiouy".contains(c))
            || b.iter().all(|c| *c == b[0])
            || keyboard_slides(b))
}

/// Whether at least half of the letter words read are keyboard mash (and one is).
pub fn mostly_mash<'a>(words: impl Iterator<Item = Word<'a>>) -> bool {
    let (mut letters, mut mash) = (0usize, 0usize);
    for w in words.filter(|w| !w.number) {
        letters += 1;
        mash += usize::from(is_mash(w.text));
    }
    mash > 0 && mash * 2 >= letters
}

/// Empty, one word, nonsense: nothing a buyer would send. `mash` says whether the
/// body is mostly keys pressed at random ([`mostly_mash`]); it is asked only of a short
/// body with nothing to quote on.
pub fn substance(e: &Evidence, body_words: usize, mash: impl FnOnce() -> bool, out: &mut Vec<Hit>) {
    if e.attachments {
        return;
    }
    if body_words <= TOO_SHORT_WORDS && !e.product && e.substance == 0 {
        push(out, Code::NOTHING_TO_QUOTE);
    }
    // "Bitte schicken Sie uns das CE-Zertifikat", "пришлите сертификат": a paper asked
    // for by name is a buyer's word, as a question is; a chat app or a number to write
    // to is not a paper sent ("liên hệ Zalo 0555 …").
    let asks_paper = e.requests_thing
        && e.has(Concept::Paper)
        && !e.has(Concept::ContactApp)
        && !e.has(Concept::MoveContact);
    if body_words <= NO_BUYING_WORDS_MAX
        && e.substance == 0
        && !e.quantity
        && !e.has(Concept::Purchase)
        && mash()
    {
        push(out, Code::KEYBOARD_MASH);
    }
    if body_words == 0 {
        push(out, Code::EMPTY_MESSAGE);
    } else if body_words <= TOO_SHORT_WORDS && e.lacks_substance() && !e.has(Concept::Purchase) {
        push(out, Code::TOO_SHORT);
    } else if body_words <= NO_BUYING_WORDS_MAX
        // A buyer writing in a language the tables do not read and counting what it
        // wants ("この商品を100個注文したい", "Chcemy zamówić 300 sztuk") names buying
        // words we cannot see: their absence is no evidence there, and the language
        // alone is no sign of spam. Placeholder text and keys pressed count nothing.
        && (e.readable || !e.count)
        && !e.quantity
        && !e.asks
        && !asks_paper
        && e.substance <= 1
        && !e.has(Concept::Purchase)
        // The sender's own need tied to a count ("bên em cần 60 ghế", "нам нужны 40")
        // is a buying word, whatever noun the count is of.
        && !e.has(Concept::WeNeed)
        // A customer writing about goods received has bought already.
        && !e.has(Concept::GoodsReceived)
    {
        push(out, Code::NO_BUYING_WORDS);
        // A whole sentence sent from a product page that names nothing of the
        // product, asks nothing and for nothing, greets no one and has no buying
        // word, in whatever language: a buyer writes about what the page shows. One
        // that asks for a thing to be sent ("Schicken Sie mir bitte das Datenblatt
        // der Module") is about the page, in words the tables may not hold.
        if e.product
            && !e.requests_thing
            && body_words >= UNRELATED_MIN_WORDS
            && e.substance == 0
            && !e.conversation
            && !super::greets(e.text)
        {
            push(out, Code::UNRELATED_TEXT);
        }
    }
}

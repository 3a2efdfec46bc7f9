//! The probe sets under `tests/fixtures/probes/`: messages written apart from the
//! engine, before the rules they measure were changed (issue 24's outside
//! measurement, done inside). Each set's figures are held as floors, so a change
//! that gives back what the sets showed fails here, set by set and kind by kind.
//!
//! - `phishing.jsonl`: phishing aimed at suppliers (mailbox and password warnings,
//!   shared documents, e-signatures, dangerous and archived "orders", parcel notices,
//!   platform-account scares, bank changes, order teasers, QR codes, buttons whose
//!   text is not their target);
//! - `b2b-spam.jsonl`: the B2B spam of the issue (sellers posing as buyers, fees
//!   first, fishing, contact only, repetition, crypto and romance);
//! - `genuine-risky.jsonl`: real buyers whose messages look risky (payments, banks,
//!   forwarders, chat apps with substance, own links and tenders, complaints,
//!   follow-ups, newsletters a supplier subscribes to);
//! - `fresh.jsonl`: 36 of all three kinds, written after the engine was fixed on the
//!   sets above and measured before it was changed again;
//! - `untuned.jsonl`: 42 more (26 spam of 19 kinds, 16 buyers in 11 languages), by a
//!   third writer, after all of the above; only the one fix it showed in the
//!   specification reading was made, so it still shows what the concept tables miss
//!   (held at its figures, to be raised as they are fixed);
//! - `fresh5.jsonl`: 94 by a fifth writer (49 spam and phishing weighted to sellers
//!   posing as buyers and fees first, 45 risky-looking buyers, 11 languages), measured
//!   before the clause reading of who sells and who pays was written from its misses
//!   (held at its figures after that fix);
//! - `heldout6.jsonl`: 36 by a sixth writer (20 spam of 19 kinds, 16 risky-looking
//!   buyers, 11 languages), written before the clause reading above was merged and
//!   measured on it unchanged (17 of 20 spam flagged, 2 buyers flagged), then held
//!   where the fixes its misses showed left it;
//! - `heldout7.jsonl`: 93 by a seventh writer (48 spam and phishing of 21 kinds, 45
//!   risky-looking buyers, many of them describing their own trade in seller words,
//!   11 languages), measured unchanged (31 of 48 spam flagged, 2 buyers called spam,
//!   4 flagged), then held where the fixes its misses showed left it.
//! - `heldout8.jsonl`: 100 by an eighth writer (49 spam, phishing and scams of 23 kinds,
//!   among them claims on the supplier's name, legal threats behind links, fees for
//!   couriers, certificates, listings and jobs from home; 51 risky-looking buyers on
//!   their own courier accounts, forwarders and drawings, 11 languages), measured
//!   unchanged (32 of 49 spam flagged, 3 buyers called spam, 5 flagged), then held
//!   where the fixes its misses showed left it.
//! - `heldout9.jsonl`: 89 by a ninth writer, typed as chat apps and quick forms carry
//!   them (48 OneTalk chats; mixed languages, Arabic and Russian in Latin letters,
//!   pinyin, chat spellings, emoji, numbers in words, bare links): 45 spam, phishing
//!   and scams of 26 kinds and 44 risky-looking buyers, 11 languages, measured
//!   unchanged (29 of 45 spam flagged, 22 called spam, 1 buyer called spam), then
//!   held where the fixes its misses showed left it.
//! - `heldout10.jsonl`: 90 by a tenth writer, written as real mail carries them
//!   (signatures with chat numbers and sites, disclaimers that speak of passwords and
//!   accounts, quoted and forwarded threads, HTML leftovers, list footers, attachments
//!   named as buyers name them): 45 spam, phishing and scams of 23 kinds and 45
//!   risky-looking buyers, 11 languages, measured unchanged (35 of 45 spam flagged, 33
//!   called spam, no buyer called spam, 4 flagged), then held where the fixes its
//!   misses showed left it.
//! - `heldout11.jsonl`: 91 by an eleventh writer, written to get past filters and as
//!   buyers write in a hurry or out of their own language (spelled-out and dotted
//!   contact words, defanged and spaced-out links, look-alike and full-width letters,
//!   zero-width characters, capitals; Arabizi, Russian in Latin letters, Hinglish,
//!   Spanglish, pinyin; chat lines and buying requests): 45 spam, phishing and scams
//!   of 10 kinds and 46 risky-looking buyers, 11 languages, measured unchanged (28 of
//!   45 spam flagged, 23 called spam, 1 buyer called spam, 2 flagged), then held
//!   where the fixes its misses showed left it.
//! - `heldout12.jsonl`: 91 by a twelfth writer, written dressed as the platform or a
//!   partner (store verification, listings removed for a complaint, disputes, payouts
//!   and memberships, couriers and carriers at customs, tax portals in four countries,
//!   shared folders on office and file platforms, voicemail, fax and payroll notices,
//!   all polished and on look-alike or free hosts), as business e-mail compromise
//!   inside a known buyer's thread, and as a rep's ordinary day of buyers (one-click
//!   and buying-request forms, one-liners, repeat orders, the buyer's own drawing and
//!   document links, chat apps with specifications, letters of credit, own
//!   forwarders, courier accounts, complaints): 45 spam and scams of 12 kinds and 46
//!   buyers, 11 languages, measured unchanged (40 of 45 spam flagged, 34 called spam,
//!   no buyer called spam, 1 flagged), then held where the fixes its misses showed
//!   left it.
//! - `heldout13.jsonl`: 93 by a thirteenth writer, written the way mail arrives
//!   (quoted threads, signatures and disclaimers longer than the body, HTML
//!   leftovers, `hxxp` and `[.]` links and links split across lines, QR codes,
//!   calendar invites, e-signature requests, voicemail as `.htm`/`.svg`, invoices as
//!   `.pdf.exe`/`.img`/`.vhd`), money the wrong way (gift cards, release fees,
//!   compliance deposits, agents' commissions to personal accounts, overpayments back
//!   by Western Union or USDT, customs paid for the buyer and added to the invoice: one
//!   of the two left unflagged, as a buyer's freight so billed is ordinary trade),
//!   sellers posing as buyers in seven languages, and the rep's harder buyers
//!   (refunds to the buyer's own account, RFQs on the platform, our own quote quoted
//!   back, price lists with market and volume, own forwarders, public tenders,
//!   WhatsApp with specifications, quick inquiries in eleven languages): 45 spam and
//!   scams of 17 kinds and 48 buyers, measured unchanged (36 of 45 spam flagged, 34
//!   called spam, no buyer called spam, 2 flagged), then held where the fixes its
//!   misses showed left it.
//! - `heldout14.jsonl`: 102 by a fourteenth writer, scams aimed at the exporter as a
//!   business (domain-registrar warnings, fee-first supplier registration, directory
//!   and expo-guide invoices, fake membership renewals, infringement claims with a
//!   settlement, sample, certification, guarantee and LC-activation fees, bid bonds,
//!   fake RFQs, payments "pending" on a portal) beside the buyers they imitate
//!   (Ariba, Coupa, SAP and Jaggaer onboarding with no fee, inspections the buyer
//!   pays, own sourcing offices and tenders, fair visitors, exclusivity with volumes,
//!   certificate requests, OEM brand owners, bank slips), 20 of them in languages
//!   the tables do not read (Italian, Polish, Dutch, Japanese, Korean, Thai, Hindi,
//!   Persian, Ukrainian): 54 spam and scams of 16 kinds and 48 buyers, measured
//!   unchanged (50 of 54 spam flagged, 42 called spam, no buyer called spam, 1
//!   flagged), then held where the fixes its misses showed left it (4 of the 42 had
//!   been called spam for their language alone and are now suspicious).
//! - `heldout15.jsonl`: 127 by a fifteenth writer, in the buyer's own language and
//!   register: nearly every line in one of the ten languages besides English
//!   (Mexican and Spanish Spanish, Brazilian and European Portuguese, Gulf, Levantine,
//!   Egyptian and Maghreb Arabic and Arabizi, Russian in Latin letters, Turkish without
//!   its letters, German with "ss" and "oe", Vietnamese without marks, Indonesian
//!   slang, Chinese mixed with English), dev2's thirteen kinds of spam with their
//!   mechanism said in new words (stamp duty, notarisation and registration of the
//!   contract, bank-guarantee and bid-file fees, "reconfirm" and "validate" a
//!   supplier account) beside buyers who use the same words innocently (their own
//!   broker, forwarder, inspection, accreditation and tender, a past PO, a bank slip,
//!   a bare "price?" with a count): 66 spam of 13 kinds and 61 buyers, measured
//!   unchanged (63 of 66 spam flagged, 47 called spam, 3 buyers called spam, 6
//!   flagged), then held where the fixes its misses showed left it. Each line carries
//!   a `lang` field (ignored by the engine) for figures per language.
//! - `heldout16.jsonl`: 61 by a sixteenth writer, the real buyer who looks like a
//!   scam, in the eleven languages as people type them: buyers who pay their own
//!   inspector, broker, notary or agent, send a bank slip, deduct an overpayment from
//!   the next order, move a real order to WhatsApp or WeChat, send a PO or drawing
//!   link, register the supplier on their own free portal, run their own tender,
//!   invite the supplier on their own money, write "price? 500pcs", name a related
//!   product, forward a colleague's message or shout in capitals; beside 20 scams of
//!   dev2's thirteen kinds in new words: 41 buyers and 20 spam, measured unchanged
//!   (20 of 20 spam flagged, 18 called spam, 2 buyers called spam, 3 flagged), then
//!   held where the fixes its misses showed left it.
//! - `heldout17.jsonl`: 68 by a seventeenth writer, the scam's mechanism in new
//!   clothes and the chat: the log-in behind a purchase order to e-sign, a shared
//!   folder, a "supplier verification" or a parcel notice; money the wrong way as a
//!   refundable bond, a gift-card guarantee, a sample fee, a certificate fee or a
//!   sum sent "by mistake"; sellers of SEO, freight, trade shows, loans, web sites and
//!   lead lists who first ask a buyer's question; chat turns that are a number and a
//!   link; beside buyers in the same styles (short chat turns, forwarded POs, buyers
//!   paying their own broker, inspector or registration and asking the supplier for
//!   the test report): 34 spam of 12 kinds and 34 buyers in the eleven languages,
//!   measured unchanged (34 of 34 spam flagged, 27 called spam, no buyer called spam,
//!   2 flagged), then held where the fixes its misses showed left it.
//! - `heldout18.jsonl`: 66 by an eighteenth writer, the thread as it reaches the
//!   rep: replies with the earlier turns quoted under them (our own price list, bank
//!   details, "we offer" and payment terms among them), forwarded mail, long
//!   signatures and legal disclaimers, the platform's translation beside the
//!   original, buyers who pay their own broker, forwarder, inspector or customs
//!   registration; scams that ride a thread (a hijacked thread's new account, a
//!   "reply" with a log-in link, a fake order confirmation asking a fee, a seller
//!   posing as a buyer under a quoted inquiry, a cheque above the order): 33 spam of
//!   dev2's thirteen kinds and 33 buyers in the eleven languages, measured unchanged
//!   (33 of 33 spam flagged, 29 called spam, no buyer called spam or flagged), then
//!   held where the fixes its misses showed left it.
//! - `chat19.jsonl`: 41 buyers' chat turns and terse messages in the eleven languages
//!   as people type them on OneTalk, each with its template (see
//!   `the_chat_turn_set_holds_its_figures`); every set's template figure is held in
//!   `template_figures_hold_on_every_probe_set`.
//! - `chat21.jsonl`: 52 OneTalk chat turns, one to three lines as typed on a phone,
//!   written blind in the eleven languages: 26 scams (an order behind a sign-in, "are
//!   you the manager? add me for a big order", a vendor or verification fee in two
//!   turns, freight, SEO and store-operation pitches typed as questions, an
//!   overpayment refunded to an agent, the platform freezing the account, crypto and
//!   romance openers) and 26 terse buyers (a price with a count, stock, a colour,
//!   "MOQ?", a bare catalogue ask, "ok confirm, PI pls", a machine's video on
//!   WhatsApp, WeChat, Zalo or WhatsApp with a product and a count, a deposit sent);
//!   see `the_chat21_set_holds_its_figures`.
//! - `payer19.jsonl`: 44 on who pays a fee, written before the payer reading was
//!   changed: 22 buyers whose own agent, broker, forwarder, inspector, lab or
//!   registration pays (and one who asks the supplier to pay the CE lab and add it
//!   to the invoice), 22 scams that make the supplier pay first, the subject before
//!   the verb, after it, dropped and passive, in the eleven languages; measured
//!   unchanged (18 of 22 spam flagged and called spam, 5 buyers called spam, 7
//!   flagged), then held where the fixes its misses showed left it.
//! - `heldout20.jsonl`: 64 on the platform's and the authorities' names, written
//!   blind: 32 scams in dev2's thirteen kinds that borrow them (a compliance notice
//!   closing the store, a Trade Assurance payment behind a sign-in, an order "held
//!   in escrow" until an activation fee, customs, a tax office, a port authority, a
//!   dispute ruling, a chamber of commerce, an embassy, government tenders) and 32
//!   buyers who use the same words (paying through Trade Assurance, the verified
//!   report, DDP with customs cleared, CE / SASO / FDA / EAEU papers and HS codes,
//!   tender papers, a pending platform payment and a PI to correct), in the eleven
//!   languages; measured unchanged (31 of 32 spam flagged, 28 called spam, 2 buyers
//!   called spam), then held where the fixes its misses showed left it.
//! - `mail22.jsonl`: 64 mails as they really arrive, written blind: the buyer's words
//!   inside long signatures (sites, LinkedIn, WeChat, VAT and fax), legal
//!   disclaimers that say "verify" and "virus", phones' footers, quoted and forwarded
//!   threads naming an earlier deal's bank and payment, HTML leftovers and tracking
//!   pixels, unsubscribe footers, two languages at once, capitals and emoji; 32 scams
//!   of dev2's thirteen kinds in the same dress (a log-in lure under a real-looking
//!   signature, a fee below a long quoted thread, a forwarded invoice as `.pdf.html`,
//!   a refund to "our new account"), 32 buyers, the eleven languages; see
//!   `the_mail22_set_holds_its_figures`.
//! - `short23.jsonl`: 66 short and mixed messages, written blind: one- to three-line
//!   asks typed fast, two languages in one message (Vietnamese or Indonesian with
//!   English trade words, Russian with the product in Latin letters, Arabic with
//!   English units, Chinese with model numbers, Spanish and Portuguese), "pls", "qty",
//!   "MOQ?", no greeting; 33 scams of dev2's thirteen kinds just as short and 33
//!   buyers, the eleven languages; see `the_short23_set_holds_its_figures`.
//!
//! The kind of a line is the start of its `note`, up to the colon; triage never
//! reads `note`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::PathBuf;

#[path = "support/labelled.rs"]
mod labelled;

/// Per kind: (lines, flagged, called spam).
type ByKind = BTreeMap<String, (usize, usize, usize)>;

/// The text of the probe set `name`.
fn read_set(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/probes")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; the probe sets are part of the repository, restore them from git",
            path.display()
        )
    })
}

/// The probe set `name` triaged in order, as one batch (see `labelled`), counted by
/// the kind its notes name.
fn measure(name: &str) -> ByKind {
    let text = read_set(name);
    let mut by_kind = ByKind::new();
    for (n, (line, verdict)) in labelled::triage_lines(name, &text, |_| {})
        .into_iter()
        .enumerate()
    {
        let kind = line["note"]
            .as_str()
            .and_then(|note| note.split(':').next())
            .unwrap_or_else(|| panic!("{name} line {}: no note naming the kind", n + 1))
            .to_string();
        let k = by_kind.entry(kind).or_default();
        k.0 += 1;
        k.1 += usize::from(verdict != "genuine");
        k.2 += usize::from(verdict == "spam");
    }
    by_kind
}

fn total(by_kind: &ByKind) -> (usize, usize, usize) {
    by_kind
        .values()
        .fold((0, 0, 0), |t, k| (t.0 + k.0, t.1 + k.1, t.2 + k.2))
}

/// A set whose buyers' lines are all of the kind "Genuine", split into its spam and
/// its buyers, each as (lines, flagged, called spam).
fn spam_and_buyers(name: &str, by_kind: &ByKind) -> ((usize, usize, usize), (usize, usize, usize)) {
    let buyers = by_kind
        .get("Genuine")
        .copied()
        .unwrap_or_else(|| panic!("{name} has genuine lines"));
    let all = total(by_kind);
    let spam = (all.0 - buyers.0, all.1 - buyers.1, all.2 - buyers.2);
    (spam, buyers)
}

/// What a held-out set keeps: its size, and how much of it is caught at least (its
/// buyers: flagged at most, never called spam).
struct Floors {
    spam_lines: usize,
    buyers: usize,
    spam_flagged: usize,
    spam_called: usize,
    buyers_flagged: usize,
}

/// Measures the set `name` and holds it to `floors`.
fn set_holds(name: &str, floors: Floors) {
    let by_kind = measure(name);
    let ((spam_lines, spam_flagged, spam_called), (buyers, buyers_flagged, buyers_spam)) =
        spam_and_buyers(name, &by_kind);
    assert_eq!(
        (spam_lines, buyers),
        (floors.spam_lines, floors.buyers),
        "{name}: spam lines and buyers: {by_kind:?}"
    );
    assert_eq!(buyers_spam, 0, "{name}: buyers called spam: {by_kind:?}");
    assert!(
        buyers_flagged <= floors.buyers_flagged,
        "{name}: buyers flagged {buyers_flagged}: {by_kind:?}"
    );
    assert!(
        spam_flagged >= floors.spam_flagged,
        "{name}: spam flagged {spam_flagged} of {spam_lines}: {by_kind:?}"
    );
    assert!(
        spam_called >= floors.spam_called,
        "{name}: spam called spam {spam_called} of {spam_lines}: {by_kind:?}"
    );
}

fn pct(n: usize, d: usize) -> f64 {
    100.0 * n as f64 / d as f64
}

/// Fails unless `n` of `d` is at least (`at_least`) or at most `bound` per cent.
fn holds(what: &str, n: usize, d: usize, at_least: bool, bound: f64, by_kind: &ByKind) {
    let share = pct(n, d);
    let ok = if at_least {
        share >= bound
    } else {
        share <= bound
    };
    assert!(ok, "{what} {share:.1} % ({n} of {d}): {by_kind:?}");
}

/// Issue 24's goal for real supplier-targeted phishing is 11 of 12 flagged.
#[test]
fn supplier_phishing_is_flagged() {
    let by_kind = measure("phishing.jsonl");
    let (lines, flagged, spam) = total(&by_kind);
    assert!(lines >= 60, "phishing probes: {lines} lines");
    holds("phishing flagged", flagged, lines, true, 95.0, &by_kind);
    holds("phishing called spam", spam, lines, true, 85.0, &by_kind);
    for (kind, (n, f, _)) in &by_kind {
        assert!(f + 1 >= *n, "{kind}: {f} of {n} flagged");
    }
}

/// Issue 24's goal: 95 % flagged. The one line these probes miss is the first copy
/// of a text repeated later, which nothing can know at first sight.
#[test]
fn b2b_spam_is_flagged() {
    let by_kind = measure("b2b-spam.jsonl");
    let (lines, flagged, spam) = total(&by_kind);
    assert!(lines >= 60, "spam probes: {lines} lines");
    holds("B2B spam flagged", flagged, lines, true, 95.0, &by_kind);
    holds("B2B spam called spam", spam, lines, true, 70.0, &by_kind);
}

/// Real business mail called spam: issue 24 allows 0.5 %, which on these probes is
/// none at all.
#[test]
fn risky_looking_buyers_are_not_called_spam() {
    let by_kind = measure("genuine-risky.jsonl");
    let (lines, flagged, spam) = total(&by_kind);
    assert!(lines >= 100, "genuine probes: {lines} lines");
    assert!(
        pct(spam, lines) <= 0.5,
        "genuine called spam {spam} of {lines}: {by_kind:?}"
    );
    holds("genuine flagged", flagged, lines, false, 8.0, &by_kind);
}

/// The fresh set: every spam line flagged, no genuine line called spam.
#[test]
fn the_fresh_set_holds() {
    let text = read_set("fresh.jsonl");
    let mut misses = Vec::new();
    let mut lines = 0;
    for (line, verdict) in labelled::triage_lines("fresh.jsonl", &text, |_| {}) {
        let label = line["label"].as_str().unwrap_or_default();
        let note = line["note"].as_str().unwrap_or_default();
        lines += 1;
        let missed = match label {
            "spam" => verdict == "genuine",
            "genuine" => verdict == "spam",
            other => panic!("fresh.jsonl: label {other:?}, expected spam or genuine"),
        };
        if missed {
            misses.push(format!("{label} called {verdict}: {note}"));
        }
    }
    assert!(lines >= 36, "fresh probes: {lines} lines");
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// The untuned set, held where it stands: its misses were vocabulary the concept
/// tables lacked (docs/performance.md, "An untuned set"); all 26 spam lines are
/// flagged since the seventh set's reading (20 called spam), and none of its 16
/// buyers may be called spam.
#[test]
fn the_untuned_set_holds_its_figures() {
    set_holds(
        "untuned.jsonl",
        Floors {
            spam_lines: 26,
            buyers: 16,
            spam_flagged: 26,
            spam_called: 20,
            buyers_flagged: 1,
        },
    );
}

/// The fifth set, held where the clause reading left it: held out, 30 of its 49 spam
/// lines were flagged (19 of 38 B2B spam); now 48 (an influencer's price for a review
/// is the one left), and none of its 45 buyers is flagged.
#[test]
fn the_fifth_set_holds_its_figures() {
    let by_kind = measure("fresh5.jsonl");
    let buyers = [
        "Payment talk",
        "Own forwarder",
        "Own customs",
        "Own agent",
        "Own logistics",
        "Own-domain link",
        "WhatsApp with substance",
        "WeChat with substance",
        "Zalo with substance",
        "Shipping wanted",
        "Buyer offers",
        "Attachment",
        "New buyer",
    ];
    let (mut genuine, mut spam) = ((0, 0, 0), (0, 0, 0));
    for (kind, k) in &by_kind {
        let t = if buyers.contains(&kind.as_str()) {
            &mut genuine
        } else {
            &mut spam
        };
        *t = (t.0 + k.0, t.1 + k.1, t.2 + k.2);
    }
    assert_eq!((spam.0, genuine.0), (49, 45), "fresh5 lines: {by_kind:?}");
    assert_eq!(genuine.2, 0, "fresh5 buyers called spam: {by_kind:?}");
    assert_eq!(genuine.1, 0, "fresh5 buyers flagged: {by_kind:?}");
    assert!(
        spam.1 >= 48,
        "fresh5 spam flagged {} of 49: {by_kind:?}",
        spam.1
    );
    assert!(
        spam.2 >= 38,
        "fresh5 spam called spam {} of 49: {by_kind:?}",
        spam.2
    );
}

/// The sixth set, held where its fixes left it: measured unchanged on the merged
/// clause reading, 17 of its 20 spam lines were flagged (14 called spam) and 2 of its
/// 16 buyers flagged; now all 20 (the German influencer with no offering verb was
/// taken by the seventh set's reading of the sender's identity), 17 called spam, and
/// no buyer flagged.
#[test]
fn the_sixth_set_holds_its_figures() {
    set_holds(
        "heldout6.jsonl",
        Floors {
            spam_lines: 20,
            buyers: 16,
            spam_flagged: 20,
            spam_called: 17,
            buyers_flagged: 0,
        },
    );
}

/// The seventh set, held where its fixes left it: held out, 31 of its 48 spam lines
/// were flagged (26 called spam), 2 of its 45 buyers called spam ("our company
/// provides logistics … we need 200 wheelchairs", "we handle customs clearance
/// ourselves") and 4 flagged; now 46 flagged (two nonsense lines left), 38 called
/// spam, no buyer called spam and 2 flagged (a drawing on a site the profile does not
/// name, Western Union offered for a sample). 39 called spam since money sent to a
/// changed account weighs 6.0 (2026-12-05).
#[test]
fn the_seventh_set_holds_its_figures() {
    set_holds(
        "heldout7.jsonl",
        Floors {
            spam_lines: 48,
            buyers: 45,
            spam_flagged: 46,
            spam_called: 39,
            buyers_flagged: 2,
        },
    );
}

/// The eighth set, held where its fixes left it: held out, 32 of its 49 spam lines
/// were flagged (24 called spam), 3 of its 51 buyers called spam (two samples sent on
/// the buyer's own courier account, a drawing behind a WeTransfer link with "3.000
/// Drehteile") and 5 flagged; now 46 flagged (two nonsense lines and a fee with no
/// one told to pay it left), 44 called spam, no buyer called spam and 1 flagged (the
/// WeTransfer drawing: a document behind a file-sharing link).
#[test]
fn the_eighth_set_holds_its_figures() {
    set_holds(
        "heldout8.jsonl",
        Floors {
            spam_lines: 49,
            buyers: 51,
            spam_flagged: 46,
            spam_called: 44,
            buyers_flagged: 1,
        },
    );
}

/// The ninth set, held where its fixes left it: held out, 29 of its 45 spam lines were
/// flagged (22 called spam) and 1 of its 44 buyers called spam ("pakai forwarder saya",
/// the buyer's own forwarder read as the sender's freight service); now 41 flagged, 38
/// called spam, no buyer flagged. Left: an inspection fee "la paga el proveedor" with no
/// fee word, an agent's cut in Vietnamese, a paid badge with no paying verb, a nonsense
/// line of test words (and three only flagged: a move to Telegram, a peer's cost probe,
/// a loan).
#[test]
fn the_ninth_set_holds_its_figures() {
    set_holds(
        "heldout9.jsonl",
        Floors {
            spam_lines: 45,
            buyers: 44,
            spam_flagged: 41,
            spam_called: 38,
            buyers_flagged: 0,
        },
    );
}

/// The tenth set, held where its fixes left it: held out, 35 of its 45 spam lines were
/// flagged (33 called spam) and 4 of its 45 buyers flagged (chat numbers in a signature
/// read as a move to chat, a signature's website read as a document link, the word
/// model on a supplier-portal invitation); now 42 flagged, 41 called spam, 3 buyers
/// flagged. Left: a domain-name registrar whose "7个工作日" reads as a quantity, a
/// macro workbook, two nonsense lines; two Chinese buyers whose signatures have no
/// sign-off before them, and the supplier-portal invitation.
#[test]
fn the_tenth_set_holds_its_figures() {
    set_holds(
        "heldout10.jsonl",
        Floors {
            spam_lines: 45,
            buyers: 45,
            spam_flagged: 42,
            spam_called: 41,
            buyers_flagged: 3,
        },
    );
}

/// The eleventh set, measured unchanged: 28 of 45 spam flagged, 23 called spam, one
/// buyer called spam and two flagged; now 36 flagged, 30 called spam, no buyer
/// flagged. Its misses were mostly disguise: spelled-out, look-alike, full-width and
/// zero-width writing and links typed apart, now unmasked before anything reads the
/// text; then an account frozen or a store suspended (zh, ar), every product's price
/// (ar), counts in Arabic and Vietnamese that read as no quantity, and CNC drawings
/// zipped on a file share (with an aluminium grade that was no specification) read as
/// an order teaser. Left: off-platform moves with a pretext (one flagged), nonsense of
/// real words and keyboard rows, fees asked in pinyin, a macro workbook, an
/// overpayment in broken English and a held payment in Indonesian capitals (not
/// flagged); a tender in Hinglish, a membership renewal in full-width letters, two
/// fishing lines and a seller of product photographs (flagged, not called spam).
/// After chat21's big-order bait (2026-12-05): 37 flagged, 33 called spam (two
/// off-platform moves that promise a big order for a chat app).
#[test]
fn the_eleventh_set_holds_its_figures() {
    set_holds(
        "heldout11.jsonl",
        Floors {
            spam_lines: 45,
            buyers: 46,
            spam_flagged: 37,
            spam_called: 33,
            buyers_flagged: 0,
        },
    );
}

/// The twelfth set, measured unchanged: 40 of 45 spam flagged, 34 called spam, no
/// buyer called spam, one flagged; now all 45 flagged and 41 called spam, the same
/// buyer flagged. Its misses were money sent the wrong way to another account (a
/// refund of a deposit to a "new" account in French and Arabic, a boss's transfer to
/// "the account below" in Chinese, a membership renewal paid by transfer in
/// Turkish), sign-in pages behind a held payout or a subsidy, a Brazilian e-invoice
/// in an archive, and a host imitating an office platform (Feishu) unknown as a brand.
/// Left: a gift-card request, a finance director's transfer to a "new supplier", a
/// refund to a new account and a platform agent's renewal through WeChat (flagged,
/// not called spam); a buyer's drawing on a share link with its quantity (flagged).
#[test]
fn the_twelfth_set_holds_its_figures() {
    set_holds(
        "heldout12.jsonl",
        Floors {
            spam_lines: 45,
            buyers: 46,
            spam_flagged: 45,
            spam_called: 41,
            buyers_flagged: 1,
        },
    );
}

#[test]
fn the_thirteenth_set_holds_its_figures() {
    set_holds(
        "heldout13.jsonl",
        Floors {
            spam_lines: 45,
            buyers: 48,
            spam_flagged: 44,
            spam_called: 42,
            buyers_flagged: 1,
        },
    );
}

#[test]
fn the_fourteenth_set_holds_its_figures() {
    set_holds(
        "heldout14.jsonl",
        Floors {
            spam_lines: 54,
            buyers: 48,
            spam_flagged: 51,
            spam_called: 42,
            buyers_flagged: 0,
        },
    );
}

/// The fifteenth set, measured unchanged: 63 of 66 spam flagged, 47 called spam, 3
/// buyers called spam (a Mexican and a Brazilian buyer paying their own customs
/// broker, a Russian public buyer paying its own accreditation) and 3 more flagged.
/// Its misses were words in the buyer's own register, not new mechanisms: the payer
/// and the broker in the singular ("le pago yo", "meu despachante"), counts in the
/// buyer's units ("200 шт?", "300 комплектов", "١٠٠ حبة"), fees by new names (stamp
/// duty, notary, bank guarantee, bid file), transliterated Russian and Turkish without
/// its letters. Now 65 flagged, 57 called spam, no buyer flagged. Left: a Vietnamese
/// sentence about dinner on a lamp listing (its "mua", to buy, is also "rain"),
/// second copies of a repeated inquiry whose first copy's substance still lowers them
/// (suspicious), two payment diversions with no account change the tables read
/// (suspicious), a Turkish romance opener and a peer's price fishing (suspicious).
/// After mail22 (2026-12-05): a copy sent again no longer counts its text's buyer
/// signs, so the second copies are spam: 60 called spam. After short23
/// (2026-12-05): a bank change that asks for the reply at a free mailbox and the
/// peer's fishing for "所有尺寸" are spam: 62 called spam.
#[test]
fn the_fifteenth_set_holds_its_figures() {
    set_holds(
        "heldout15.jsonl",
        Floors {
            spam_lines: 66,
            buyers: 61,
            spam_flagged: 65,
            spam_called: 62,
            buyers_flagged: 0,
        },
    );
}

/// The sixteenth set, measured unchanged: 20 of 20 spam flagged, 18 called spam, 2
/// buyers called spam (a buyer who bears its own inspection fee, "nothing for you to
/// pay"; a returning buyer who overpaid and asks to deduct it from this order) and 1
/// more flagged (an Arabic distributor whose count of sets was not read). The misses
/// were the payer said plainly, an excess left with the supplier as credit, a count in
/// sets, and German price fishing by new words. Now 19 called spam, no buyer flagged.
/// Left: a Vietnamese visa letter for four with the order promised after arrival
/// (suspicious: its "order" is a buying word).
#[test]
fn the_sixteenth_set_holds_its_figures() {
    set_holds(
        "heldout16.jsonl",
        Floors {
            spam_lines: 20,
            buyers: 41,
            spam_flagged: 20,
            spam_called: 19,
            buyers_flagged: 0,
        },
    );
}

/// The seventeenth set, measured unchanged: 34 of 34 spam flagged, 27 called spam, no
/// buyer called spam and 2 flagged (a Vietnamese and a Brazilian buyer who do their
/// own inspection or certification and ask the supplier to send the certificate and
/// test report, read as selling that service). The misses were an offer word read
/// against a service the buyer asks of the supplier, a Vietnamese "nhận" read inside
/// "chứng nhận" (certificate), and money the wrong way in new words: a refundable
/// bond, a gift card as a guarantee "returned later", a fee "from you" in Turkish
/// without its letters, an excess to return to "our agent's account", a commission to
/// "my personal account", a changed "acct" in chat, plural lead lists and "sites
/// vitrines". Now 34 called spam, no buyer flagged. Left: with the profile removed
/// the payment diversions and a visa letter are suspicious, not spam.
#[test]
fn the_seventeenth_set_holds_its_figures() {
    set_holds(
        "heldout17.jsonl",
        Floors {
            spam_lines: 34,
            buyers: 34,
            spam_flagged: 34,
            spam_called: 34,
            buyers_flagged: 0,
        },
    );
}

/// After mail22 (2026-12-05): its two pushed copies of a signed inquiry are spam,
/// 32 called spam.
#[test]
fn the_eighteenth_set_holds_its_figures() {
    set_holds(
        "heldout18.jsonl",
        Floors {
            spam_lines: 33,
            buyers: 33,
            spam_flagged: 33,
            spam_called: 32,
            buyers_flagged: 0,
        },
    );
}

/// The twentieth set, measured unchanged: 31 of 32 spam flagged, 28 called spam, 2
/// buyers called spam (a German and a French hospital-tender bidder asking the
/// supplier's ISO and CE certificates: "certificate" is on the fee table, so the
/// tender read as a fee first). The misses were papers read as fees, and fees, payers
/// and new accounts in the authorities' words (an Arabic certification fee asked "of
/// the supplier", an Indonesian tax, a Portuguese "é preciso pagar", a Spanish
/// "deben pagarse", a "new escrow account"). Now 32 flagged, 30 called spam, no buyer
/// flagged. Left: a repeated copy four minutes after its first (suspicious: the
/// copy's own genuine signs lower it) and Vietnamese nonsense from a new account
/// (suspicious by the profile).
/// After mail22 (2026-12-05) that copy is spam: 31 called spam.
#[test]
fn the_twentieth_set_holds_its_figures() {
    set_holds(
        "heldout20.jsonl",
        Floors {
            spam_lines: 32,
            buyers: 32,
            spam_flagged: 32,
            spam_called: 31,
            buyers_flagged: 0,
        },
    );
}

/// The mail22 set, measured unchanged (main at c7513e6, with profiles): 30 of 32
/// scams flagged, 26 called spam, no buyer called spam and 1 flagged (a Vietnamese
/// shop's unsubscribe line, "bấm vào đây", read as a document lure), template 56/64.
/// With the list's fields: 29 flagged, 23 called spam. Fixed: where the sender's own
/// words end by the mail's layout (`--`, a quote's rule), a phone's footer and a legal
/// footer at any place; money redirected to the sender's own changed account; a copy
/// sent again not counting its text's buyer signs twice; the platform's subject not
/// counted in a contact line; a French refusal to give a quantity; a reorder beside
/// goods received. Now 32 flagged, 32 called spam, no buyer flagged, template 62/64;
/// with the list's fields 32 flagged, 27 called spam.
#[test]
fn the_mail22_set_holds_its_figures() {
    set_holds(
        "mail22.jsonl",
        Floors {
            spam_lines: 32,
            buyers: 32,
            spam_flagged: 32,
            spam_called: 32,
            buyers_flagged: 0,
        },
    );
}

/// The short23 set, measured unchanged (branch world23 at 730415b, with profiles):
/// 32 of 33 scams flagged, 29 called spam, no buyer called spam or flagged,
/// template 63/66 (two of the misses were the set's own labels: "price?" and "moq and
/// delivery to Dubai" name no product and no count, which the contract answers with
/// open questions; relabelled). With the list's fields: 29 flagged, 24 called spam.
/// Fixed: slides along a keyboard row as a mash, a free mailbox written out as a
/// move off the platform, "every model" as no specification and the Chinese words
/// for it. Now 33 flagged, 32 called spam, no buyer flagged, template 66/66; with the
/// list's fields 33 flagged, 24 called spam. Left: factory prices of every model to
/// compare suppliers is suspicious, not spam (fishing without a count; a buyer early
/// in its search says as much).
#[test]
fn the_short23_set_holds_its_figures() {
    set_holds(
        "short23.jsonl",
        Floors {
            spam_lines: 33,
            buyers: 33,
            spam_flagged: 33,
            spam_called: 32,
            buyers_flagged: 0,
        },
    );
}

/// Template top-1 of the probe set `name`, triaged in order as one batch at
/// [`labelled::now`]: (right, lines with a template, the misses).
fn template_top1(name: &str) -> (usize, usize, Vec<String>) {
    use xunpan::core::clock::Zone;
    use xunpan::core::engine::{Batch, Engine};
    use xunpan::core::inquiry::Inquiry;
    use xunpan::core::settings::Settings;

    let text = read_set(name);
    let engine = Engine::new(Settings::default()).expect("the default settings build an engine");
    let mut batch = Batch::default();
    let (mut right, mut lines, mut missed) = (0, 0, Vec::new());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let inquiry: Inquiry = serde_json::from_value(v.clone()).expect("an inquiry");
        let got = engine
            .triage(&inquiry, &mut batch, labelled::now(), &Zone::fixed(480))
            .template;
        let Some(want) = v["template"].as_str() else {
            continue;
        };
        lines += 1;
        if got == want {
            right += 1;
        } else {
            missed.push(format!("{}: want {want}, got {got}", v["id"]));
        }
    }
    (right, lines, missed)
}

/// The chat19 set: 41 buyers' chat turns and terse messages in the eleven languages
/// (requests typed after their object or without marks, questions without a mark, a
/// request after a sentence about the buyer's own inspector, forwarder or broker,
/// vague turns), each with its template, written before the template choice was read.
/// Measured unchanged: template top-1 19/41, no buyer called spam, 4 flagged (short
/// turns with no product word, read by the signals). After the plain-typed request
/// verbs and things, the verbless "proforma pls" and the Turkish "ne olur": 26/41,
/// verdicts unchanged. Left: questions that name no product and no quantity, which the
/// choice answers with open questions as the development sets do (9 lines). With
/// heldout20's question words read mid-sentence and without marks ("combien de
/// jours", "bao lau"), 2 buyers flagged, not 4.
#[test]
fn the_chat_turn_set_holds_its_figures() {
    set_holds(
        "chat19.jsonl",
        Floors {
            spam_lines: 0,
            buyers: 41,
            spam_flagged: 0,
            spam_called: 0,
            buyers_flagged: 2,
        },
    );
}

/// The chat21 set, measured unchanged (main at 99006ec, with profiles): 26 of 26
/// scams flagged, 23 called spam, 1 buyer called spam (an Arabic turn asking a
/// filling machine's video on WhatsApp "for our factory": no buying word read, so
/// UNRELATED_TEXT), template 45/52. With the list's fields: 20 flagged, 17 called
/// spam. Fixed: what a buyer buys for, Arabic order nouns, verification fees and
/// the factory as payer in every language, a big order promised for a chat app or a
/// visa letter, paid ads and keywords as services, Turkish crypto suffixes. Now 26
/// flagged, 26 called spam, no buyer flagged, template 46/52.
#[test]
fn the_chat21_set_holds_its_figures() {
    set_holds(
        "chat21.jsonl",
        Floors {
            spam_lines: 26,
            buyers: 26,
            spam_flagged: 26,
            spam_called: 26,
            buyers_flagged: 0,
        },
    );
}

/// Every probe set's template top-1 (lines with a template), held at what it was
/// measured at after chat19's fixes (2026-12-05): (set, lines, right at least).
/// Before them: chat19 19/41, heldout11 35/46, heldout17 57/68, the others as now.
#[test]
fn template_figures_hold_on_every_probe_set() {
    let mut below = Vec::new();
    for (name, lines, floor) in TEMPLATE_FLOORS {
        let (right, total, missed) = template_top1(name);
        println!("{name}: template top-1 {right}/{total}");
        assert_eq!(total, *lines, "{name}: lines with a template");
        if right < *floor {
            below.push(format!(
                "{name}: {right}/{total} below {floor}:\n{}",
                missed.join("\n")
            ));
        }
    }
    assert!(below.is_empty(), "\n{}", below.join("\n"));
}

const TEMPLATE_FLOORS: &[(&str, usize, usize)] = &[
    ("b2b-spam.jsonl", 67, 66),
    ("phishing.jsonl", 68, 67),
    ("templates11.jsonl", 88, 86),
    ("heldout11.jsonl", 46, 40),
    ("heldout12.jsonl", 85, 79),
    ("heldout13.jsonl", 87, 81),
    ("heldout14.jsonl", 102, 97),
    ("heldout15.jsonl", 127, 114),
    ("heldout16.jsonl", 61, 55),
    ("heldout17.jsonl", 68, 68),
    ("heldout18.jsonl", 66, 61),
    ("chat19.jsonl", 41, 35),
    ("payer19.jsonl", 44, 40),
    ("heldout20.jsonl", 64, 56),
    ("chat21.jsonl", 52, 52),
    ("mail22.jsonl", 64, 62),
    ("short23.jsonl", 66, 66),
];
/// Who pays, measured unchanged: 18 of 22 scams called spam, 5 of 22 buyers called
/// spam (ADVANCE_FEE on a buyer whose own agent, broker or inspector pays: "nuestro
/// agente debe depositar", "our customs broker must pay", "由我方报关行缴纳") and 2
/// more flagged (shipping papers the tables did not read as buying words). Now the
/// payer is the paying verb's subject, and the missing fee, paying and obligation
/// words are read (a bond, a clearance duty, the German "ist … zu hinterlegen"): 22
/// called spam, no buyer flagged.
#[test]
fn the_payer_set_holds_its_figures() {
    set_holds(
        "payer19.jsonl",
        Floors {
            spam_lines: 22,
            buyers: 22,
            spam_flagged: 22,
            spam_called: 22,
            buyers_flagged: 0,
        },
    );
}

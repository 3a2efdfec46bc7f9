//! Short decimal numbers (`1.73`, `-0.5`, `120`, `1e3`) read into `f64`.
//!
//! The engine reads decimal text in two places: the weights of its built-in word
//! model when it starts, and counts that page data sometimes gives as text
//! (`"100+"`). `str::parse::<f64>` reads any decimal correctly, but to do so it
//! carries power-of-five tables that were 14 KB of the engine's gzipped download.
//!
//! The numbers read here are short, and a short decimal needs no tables: when its
//! digits, read as an integer, stay below 2^53 and its power of ten is at most 22,
//! both are exact `f64`s and one IEEE multiplication or division rounds their
//! product correctly (Clinger's fast path). The result is then exactly the value
//! `parse::<f64>` gives, which the tests check against it. A decimal with more
//! significant digits, or a larger power of ten, is refused (`None`) rather than
//! read approximately.

/// Powers of ten that are exact in an `f64` (10^22 is the last one).
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Integers up to 2^53 are exact in an `f64`.
const EXACT_INTEGER_LIMIT: u64 = 1 << 53;

/// Reads `text` as a decimal number: an optional sign, digits with an optional
/// fraction (`1.5`, `.5`, `5.`), and an optional exponent (`e3`, `E-2`). No spaces,
/// no `inf` or `NaN`. `None` for anything else, and for the rare decimal that needs
/// more than 15 or so significant digits or a power of ten beyond 22 to say.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let negative = match bytes.first() {
        Some(b'-') => {
            at = 1;
            true
        }
        Some(b'+') => {
            at = 1;
            false
        }
        _ => false,
    };

    // The digits, as one integer, and the power of ten that scales it. Zeros after
    // the last other digit wait in `zeros` so that `1200` or `1.500` stay short.
    let mut digits: u64 = 0;
    let mut digit_count = 0usize;
    let mut zeros: i64 = 0;
    let mut exponent: i64 = 0;
    let mut in_fraction = false;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'0'..=b'9' => {
                digit_count += 1;
                if in_fraction {
                    exponent -= 1;
                }
                if b == b'0' {
                    zeros += i64::from(digits != 0);
                } else {
                    // The waiting zeros and this digit's place.
                    let shift = 10u64.checked_pow(u32::try_from(zeros + 1).ok()?)?;
                    digits = digits
                        .checked_mul(shift)?
                        .checked_add(u64::from(b - b'0'))?;
                    if digits > EXACT_INTEGER_LIMIT {
                        return None;
                    }
                    zeros = 0;
                }
            }
            b'.' if !in_fraction => in_fraction = true,
            _ => break,
        }
        at += 1;
    }
    exponent += zeros;
    if digit_count == 0 {
        return None;
    }

    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        let (sign, from) = match bytes.get(at) {
            Some(b'-') => (-1, at + 1),
            Some(b'+') => (1, at + 1),
            _ => (1, at),
        };
        let written = bytes.get(from..).filter(|rest| !rest.is_empty())?;
        if !written.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Long exponents cannot pass the range check below; stop before overflowing.
        let mut value: i64 = 0;
        for &b in written {
            value = (value * 10 + i64::from(b - b'0')).min(1_000_000);
        }
        exponent += sign * value;
        at = bytes.len();
    }
    if at != bytes.len() {
        return None;
    }

    let magnitude = if digits == 0 {
        0.0
    } else {
        // A power of ten beyond the exact ones may still fit in the integer
        // (`12e25` is 120000e22).
        while exponent > 22 && digits * 10 <= EXACT_INTEGER_LIMIT {
            digits *= 10;
            exponent -= 1;
        }
        // At most 2^53, checked above: the integer is exact in an f64.
        let mantissa = digits as f64;
        let scale = *EXACT_POWERS_OF_TEN.get(usize::try_from(exponent.unsigned_abs()).ok()?)?;
        if exponent >= 0 {
            mantissa * scale
        } else {
            mantissa / scale
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    /// Text, and what it reads as; `None`: refused.
    const CASES: &[(&str, Option<f64>)] = &[
        ("1.73", Some(1.73)),
        ("-0.5", Some(-0.5)),
        ("+2", Some(2.0)),
        ("120", Some(120.0)),
        ("0", Some(0.0)),
        ("000.000", Some(0.0)),
        (".5", Some(0.5)),
        ("5.", Some(5.0)),
        ("1e3", Some(1000.0)),
        ("2.5E-2", Some(0.025)),
        ("1e+2", Some(100.0)),
        ("0.1", Some(0.1)),
        ("123456789012345", Some(123_456_789_012_345.0)),
        ("1200000000000000000000000000", Some(1.2e27)),
        ("9007199254740993", None),
        ("1e400", None),
        ("1e99999999999999999999", None),
        ("", None),
        ("-", None),
        (".", None),
        ("e3", None),
        ("1e", None),
        ("1e+", None),
        ("1.2.3", None),
        ("1,5", None),
        (" 1", None),
        ("1 ", None),
        ("inf", None),
        ("NaN", None),
        ("0x10", None),
        ("١٢", None),
    ];

    #[test]
    fn cases() {
        for &(text, want) in CASES {
            let got = parse_decimal(text);
            assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{text:?}");
        }
    }

    #[test]
    fn negative_zero_keeps_its_sign() {
        assert_eq!(
            parse_decimal("-0").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
    }

    /// Whatever it reads, it reads to the bit as the standard library does.
    #[test]
    fn agrees_with_the_standard_library_wherever_it_reads() {
        let mut read = 0;
        for whole in ["0", "1", "7", "42", "999", "123456", "9007199254740991"] {
            for fraction in [
                "",
                ".",
                ".0",
                ".1",
                ".25",
                ".333",
                ".73",
                ".0001",
                ".123456789",
            ] {
                for exponent in [
                    "", "e0", "e1", "e-1", "e7", "e-7", "E15", "e22", "e-22", "e23",
                ] {
                    for sign in ["", "-", "+"] {
                        let text = format!("{sign}{whole}{fraction}{exponent}");
                        if let Some(value) = parse_decimal(&text) {
                            read += 1;
                            let want: f64 = text.parse().expect("std reads it too");
                            assert_eq!(value.to_bits(), want.to_bits(), "{text}");
                        }
                    }
                }
            }
        }
        assert!(read > 1000, "only {read} cases were read");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Decimal-shaped text of every length: read to the bit as the standard
        /// library reads it, or refused.
        #[test]
        fn any_decimal_is_read_exactly_or_refused(
            text in "[+-]?[0-9]{0,20}(\\.[0-9]{0,20})?([eE][+-]?[0-9]{1,3})?"
        ) {
            if let Some(value) = parse_decimal(&text) {
                let want: f64 = text.parse().expect("std reads what is read here");
                proptest::prop_assert_eq!(value.to_bits(), want.to_bits());
            }
        }

        /// Any text at all: an answer, never a panic.
        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,30}") {
            let _ = parse_decimal(&text);
        }
    }
}

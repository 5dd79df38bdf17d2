//! Rounding for display only. The model keeps full f64 precision.

use crate::model::Range;

/// A number with thousands separators and no needless trailing zeros,
/// rounded to at most `decimals` decimals: `plain(1e6)` = "1,000,000".
pub fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let neg = x < 0.0 && (int != "0" || !frac.is_empty());
    format!("{}{}{}{}", if neg { "-" } else { "" }, grouped, if frac.is_empty() { "" } else { "." }, frac)
}

/// `fixed` with up to 6 decimals: for echoing bounds and inputs.
pub fn plain(x: f64) -> String {
    fixed(x, 6)
}

/// Round to `sig` significant digits, then print with separators.
pub fn significant(x: f64, sig: u32) -> String {
    if x == 0.0 || !x.is_finite() {
        return fixed(x, 0);
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (sig as i32 - 1 - magnitude).max(0) as usize;
    fixed(x, decimals)
}

/// `x` rounded to `sig` significant digits as a plain decimal: no thousands
/// separators, never an exponent, no trailing zeros: `decimal(1.5e17, 6)` =
/// "150000000000000000", `decimal(2.5e-5, 6)` = "0.000025", "0" for zero (and
/// for a value that is not finite). For machine-read values (YAML, JSON).
pub fn decimal(x: f64, sig: usize) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    // Rust rounds the scientific form correctly: "1.50000e17", "2.50000e-5".
    let sci = format!("{:.*e}", sig.max(1) - 1, x.abs());
    let (mantissa, exponent) = sci.split_once('e').expect("scientific notation has an exponent");
    let exponent: i64 = exponent.parse().expect("the exponent is an integer");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    // The decimal point goes after digit number `exponent + 1`.
    let point = exponent + 1;
    let n = digits.len() as i64;
    let body = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= n {
        format!("{digits}{}", "0".repeat((point - n) as usize))
    } else {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    };
    if x < 0.0 {
        format!("-{body}")
    } else {
        body
    }
}

/// `x` rounded as [`significant`] prints it (for deciding units after rounding).
fn round_significant(x: f64, sig: u32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (sig as i32 - 1 - magnitude).max(0);
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

/// `x` (in the middle unit) in the unit that reads best, four significant
/// digits: `small` below 1, `big` from 1,000. The unit is chosen after
/// rounding, so 999.96 kg reads "1 t", not "1,000 kg".
fn scaled(x: f64, [small, mid, big]: [&str; 3]) -> String {
    let a = round_significant(x, 4).abs();
    if a > 0.0 && a < 1.0 {
        format!("{} {small}", significant(x * 1000.0, 4))
    } else if a >= 1000.0 {
        format!("{} {big}", significant(x / 1000.0, 4))
    } else {
        format!("{} {mid}", significant(x, 4))
    }
}

/// A mass of CO2eq given in kg, in the unit that reads best:
/// g below 1 kg, t from 1,000 kg. Four significant digits.
pub fn mass_kg(kg: f64) -> String {
    scaled(kg, ["g", "kg", "t"])
}

/// Energy given in kWh: Wh below 1 kWh, MWh from 1,000 kWh.
pub fn energy_kwh(kwh: f64) -> String {
    scaled(kwh, ["Wh", "kWh", "MWh"])
}

/// "356.4–504 kWh", "900 g–1.1 kg" when the units differ, or "333 kWh" when
/// low and high round to the same figure: the one way a range is written.
pub fn range(r: Range, unit: fn(f64) -> String) -> String {
    let (low, high) = (unit(r.low), unit(r.high));
    if low == high {
        return low;
    }
    match (low.rsplit_once(' '), high.rsplit_once(' ')) {
        (Some((l, lu)), Some((_, hu))) if lu == hu => format!("{l}–{high}"),
        _ => format!("{low}–{high}"),
    }
}

/// A number in scientific notation for plain text, three significant digits:
/// 8.4e22 → "8.4 × 10^22"; numbers below 10,000 print as themselves.
pub fn scientific(x: f64) -> String {
    if !x.is_finite() || x.abs() < 10_000.0 {
        return significant(x, 3);
    }
    let (mantissa, exponent) = mantissa_exponent(x);
    format!("{mantissa} × 10^{exponent}")
}

/// (mantissa to three significant digits, exponent) with 1 ≤ |mantissa| < 10.
pub fn mantissa_exponent(x: f64) -> (String, i32) {
    let mut exponent = x.abs().log10().floor() as i32;
    let mut mantissa = x / 10f64.powi(exponent);
    if significant(mantissa.abs(), 3) == "10" {
        mantissa /= 10.0;
        exponent += 1;
    }
    (significant(mantissa, 3), exponent)
}

/// A percentage from a fraction: 0.953 → "95.3 %".
pub fn percent(fraction: f64) -> String {
    format!("{} %", significant(fraction * 100.0, 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_rounding() {
        assert_eq!(plain(1_000_000.0), "1,000,000");
        assert_eq!(plain(1.5), "1.5");
        assert_eq!(significant(16.989, 4), "16.99");
        assert_eq!(significant(30.0, 4), "30");
        assert_eq!(significant(2.1310848, 4), "2.131");
        assert_eq!(significant(123456.7, 4), "123,457");
        assert_eq!(significant(0.000123456, 3), "0.000123");
        assert_eq!(mass_kg(16.989), "16.99 kg");
        assert_eq!(mass_kg(0.23693), "236.9 g");
        assert_eq!(mass_kg(12345.0), "12.35 t");
        assert_eq!(mass_kg(0.0), "0 kg");
        assert_eq!(energy_kwh(30.0), "30 kWh");
        assert_eq!(energy_kwh(0.5), "500 Wh");
        assert_eq!(energy_kwh(2131.0848), "2.131 MWh");
        assert_eq!(percent(0.4567), "45.7 %");
        // Units are decided after rounding.
        assert_eq!(mass_kg(999.96), "1 t");
        assert_eq!(mass_kg(999.94), "999.9 kg");
        assert_eq!(mass_kg(0.99999), "1 kg");
        assert_eq!(mass_kg(0.9999), "999.9 g");
        assert_eq!(energy_kwh(999.96), "1 MWh");
        assert_eq!(energy_kwh(0.99996), "1 kWh");
        assert_eq!(mass_kg(-0.5), "-500 g");
        assert_eq!(scientific(8.4e22), "8.4 × 10^22");
        assert_eq!(scientific(9.9996e22), "1 × 10^23");
        assert_eq!(scientific(1234.0), "1,234");
        assert_eq!(fixed(f64::NAN, 2), "–");
        assert_eq!(fixed(-0.0001, 2), "0");
    }

    #[test]
    fn plain_decimals_never_have_an_exponent() {
        assert_eq!(decimal(1.5e17, 6), "150000000000000000");
        assert_eq!(decimal(1e-5, 6), "0.00001");
        assert_eq!(decimal(2.5e-5, 6), "0.000025");
        assert_eq!(decimal(1.23456789e-12, 6), "0.00000000000123457");
        assert_eq!(decimal(160444.73088, 6), "160445");
        assert_eq!(decimal(94.151326464, 6), "94.1513");
        assert_eq!(decimal(4062100.0, 6), "4062100");
        assert_eq!(decimal(999999.5, 6), "1000000");
        assert_eq!(decimal(0.5, 6), "0.5");
        assert_eq!(decimal(1.0, 6), "1");
        assert_eq!(decimal(-2.5, 6), "-2.5");
        assert_eq!(decimal(0.0, 6), "0");
        assert_eq!(decimal(f64::NAN, 6), "0");
        assert_eq!(decimal(1e300, 3).len(), 301);
        assert_eq!(decimal(5e-324, 1), format!("0.{}5", "0".repeat(323)));
        // Each reads back as the value rounded to six digits.
        for x in [1e-5, 2.5e-5, 1.5e17, 160444.73088, 1.0 / 3.0, 7e15, 1.2345678e21] {
            let back: f64 = decimal(x, 6).parse().expect("a number");
            assert_eq!(back, format!("{x:.5e}").parse::<f64>().expect("a number"), "{x}");
        }
    }
}

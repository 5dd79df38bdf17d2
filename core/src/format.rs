//! Rounding for display only. The model keeps full f64 precision.

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

/// A mass of CO2eq given in kg, in the unit that reads best:
/// g below 1 kg, t from 1,000 kg. Four significant digits.
pub fn mass_kg(kg: f64) -> String {
    let a = kg.abs();
    if a > 0.0 && a < 1.0 {
        format!("{} g", significant(kg * 1000.0, 4))
    } else if a >= 1000.0 {
        format!("{} t", significant(kg / 1000.0, 4))
    } else {
        format!("{} kg", significant(kg, 4))
    }
}

/// Energy given in kWh: Wh below 1 kWh, MWh from 1,000 kWh.
pub fn energy_kwh(kwh: f64) -> String {
    let a = kwh.abs();
    if a > 0.0 && a < 1.0 {
        format!("{} Wh", significant(kwh * 1000.0, 4))
    } else if a >= 1000.0 {
        format!("{} MWh", significant(kwh / 1000.0, 4))
    } else {
        format!("{} kWh", significant(kwh, 4))
    }
}

/// At most `max` characters of `text`, with "…" when something was cut: for
/// echoing what a user typed in a message.
pub fn clip(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
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
        assert_eq!(clip("abcdef", 4), "abcd…");
        assert_eq!(clip("abc", 4), "abc");
        assert_eq!(fixed(f64::NAN, 2), "–");
        assert_eq!(fixed(-0.0001, 2), "0");
    }
}

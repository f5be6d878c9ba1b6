//! Dates as Indonesian courts print them.

use chrono::{Datelike, NaiveDate};

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// The years a date of a booklet may fall in.
pub const TAHUN: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Reads `YYYY-MM-DD`, a date in [`TAHUN`].
pub fn parse(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| TAHUN.contains(&d.year()))
}

/// `9 JANUARI 2017`, as on the Pengesahan page.
pub fn panjang_kapital(d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        d.day(),
        BULAN[d.month0() as usize].to_uppercase(),
        d.year()
    )
}

/// A date written as `-` or left blank: not (yet) there, printed `-`.
pub fn kosong(s: &str) -> bool {
    matches!(s.trim(), "" | "-")
}

/// How the SOP pages print a date.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(
    description = "Cara mencetak tanggal di halaman SOP: panjang (09 Januari 2017, bawaan), angka (9/1/2017) atau angka_nol (09/01/2017)."
)]
pub enum FormatTanggal {
    #[default]
    Panjang,
    Angka,
    AngkaNol,
}

/// `d` as the SOP pages print it.
pub fn cetak(d: NaiveDate, f: FormatTanggal) -> String {
    match f {
        FormatTanggal::Panjang => dua_digit(d),
        FormatTanggal::Angka => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        FormatTanggal::AngkaNol => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
    }
}

/// `09 Januari 2017`, as in the SOP header.
pub fn dua_digit(d: NaiveDate) -> String {
    format!("{:02} {} {}", d.day(), BULAN[d.month0() as usize], d.year())
}

/// The month in roman numerals, as in SOP numbers (`/I/2024`).
pub fn bulan_romawi(d: NaiveDate) -> &'static str {
    [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ][d.month0() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_seed() {
        let d = parse("2017-01-09").unwrap();
        assert_eq!(panjang_kapital(d), "9 JANUARI 2017");
        assert_eq!(dua_digit(d), "09 Januari 2017");
        assert_eq!(bulan_romawi(parse("2024-12-01").unwrap()), "XII");
        assert!(parse("2024-02-30").is_none());
        assert!(parse("1899-12-31").is_none() && parse("10000-01-01").is_none());
        assert!(parse("2100-12-31").is_some());
        let d = parse("2021-01-04").unwrap();
        assert_eq!(cetak(d, FormatTanggal::Angka), "4/1/2021");
        assert_eq!(cetak(d, FormatTanggal::AngkaNol), "04/01/2021");
        assert_eq!(cetak(d, FormatTanggal::Panjang), "04 Januari 2021");
        assert!(kosong(" - ") && kosong("") && !kosong("2021-01-04"));
    }
}

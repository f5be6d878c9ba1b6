//! NIP, the 18-digit civil-servant number: birth date YYYYMMDD, start of
//! service YYYYMM, sex 1/2, serial NNN.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;

/// How a NIP is printed (`format_nip` in `buku.yaml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "Cara mencetak NIP.")]
pub enum FormatNip {
    /// `19780302 200212 1 005`
    #[default]
    Berkelompok,
    /// `197803022002121005`
    Polos,
}

/// A checked NIP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nip(String);

impl Nip {
    /// Accepts the digits with any spaces; explains in Indonesian what is wrong.
    pub fn parse(s: &str) -> Result<Nip, String> {
        let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("NIP `{s}` hanya boleh berisi angka"));
        }
        if digits.len() != 18 {
            return Err(format!(
                "NIP `{s}` berisi {} angka, seharusnya 18",
                digits.len()
            ));
        }
        let num = |r: std::ops::Range<usize>| digits[r].parse::<u32>().unwrap_or(0);
        let lahir = NaiveDate::from_ymd_opt(num(0..4) as i32, num(4..6), num(6..8))
            .ok_or_else(|| format!("NIP `{s}`: 8 angka pertama bukan tanggal lahir yang sah"))?;
        if !(1..=12).contains(&num(12..14)) {
            return Err(format!(
                "NIP `{s}`: bulan mulai bertugas (angka 13–14) tidak sah"
            ));
        }
        let mulai = num(8..12) as i32;
        if mulai < lahir.format("%Y").to_string().parse::<i32>().unwrap_or(0) + 18 {
            return Err(format!(
                "NIP `{s}`: tahun mulai bertugas sebelum usia 18 tahun"
            ));
        }
        if !matches!(&digits[14..15], "1" | "2") {
            return Err(format!(
                "NIP `{s}`: angka ke-15 (jenis kelamin) harus 1 atau 2"
            ));
        }
        Ok(Nip(digits))
    }

    pub fn format(&self, style: FormatNip) -> String {
        let d = &self.0;
        match style {
            FormatNip::Polos => d.clone(),
            FormatNip::Berkelompok => {
                format!("{} {} {} {}", &d[0..8], &d[8..14], &d[14..15], &d[15..18])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_one_way() {
        let n = Nip::parse("19780302 2002121 005").unwrap();
        assert_eq!(n.format(FormatNip::Berkelompok), "19780302 200212 1 005");
        assert_eq!(n.format(FormatNip::Polos), "197803022002121005");
    }

    #[test]
    fn rejects_mistyped_numbers() {
        assert!(
            Nip::parse("19780302 20021 1 005")
                .unwrap_err()
                .contains("17 angka")
        );
        assert!(Nip::parse("197813022002121005").is_err());
        assert!(Nip::parse("197803022002123005").is_err());
        assert!(Nip::parse("197803021990121005").is_err());
    }
}

//! SOP numbers, made from the booklet's pattern or an SOP's own.

/// The values a pattern may use.
pub struct Nilai<'a> {
    pub urut: usize,
    pub bulan: &'a str,
    pub tahun: i32,
}

pub const PLACEHOLDERS: [&str; 3] = ["urut", "bulan", "tahun"];

/// Fills `{urut}`, `{bulan}` and `{tahun}` in a pattern or an SOP's own
/// number; whether a pattern must hold `{urut}` is the check's to say.
pub fn isi(pola: &str, n: &Nilai) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = pola;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| "pola nomor: `{` tanpa `}` penutup".to_string())?;
        match &after[..close] {
            "urut" => out.push_str(&n.urut.to_string()),
            "bulan" => out.push_str(n.bulan),
            "tahun" => out.push_str(&n.tahun.to_string()),
            other => {
                return Err(format!(
                    "pola nomor: `{{{other}}}` tidak dikenal; yang dikenal: {{urut}}, {{bulan}}, {{tahun}}"
                ));
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_the_pattern() {
        let n = Nilai {
            urut: 3,
            bulan: "I",
            tahun: 2024,
        };
        assert_eq!(
            isi("{urut}/KPN.W4-U2/SOP.PTIP/OT1.2/{bulan}/{tahun}", &n).unwrap(),
            "3/KPN.W4-U2/SOP.PTIP/OT1.2/I/2024"
        );
        assert!(isi("{nomor}/X", &n).is_err());
        assert_eq!(isi("SOP/AS/{tahun}", &n).unwrap(), "SOP/AS/2024");
        assert!(isi("SOP/{x}", &n).is_err());
    }
}

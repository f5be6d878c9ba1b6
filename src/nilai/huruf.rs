//! Lettering: A, B, … Z, AA, AB, … for sub-procedures and off-page
//! connectors.

/// The `i`-th letter name (0-based): `A` … `Z`, `AA`, `AB`, …
pub fn huruf(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::huruf;

    #[test]
    fn letters_run_on_after_z() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(huruf)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}

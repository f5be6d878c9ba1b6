//! Suggestions for a mistyped name: the known name nearest to it.

/// The candidate nearest to a mistyped `word`, if it is near enough.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

/// "maksud Anda `pelaksana`?" for the candidate nearest to `word`.
pub fn maksud_anda(word: &str, candidates: &[&str]) -> Option<String> {
    closest(word, candidates).map(|s| format!("maksud Anda `{s}`?"))
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_nearest_key() {
        assert_eq!(
            closest("pelaksna", &["pelaksana", "kegiatan"]),
            Some("pelaksana")
        );
        assert_eq!(closest("zzz", &["pelaksana", "kegiatan"]), None);
        assert_eq!(
            maksud_anda("kegitan", &["kegiatan"]).as_deref(),
            Some("maksud Anda `kegiatan`?")
        );
    }
}

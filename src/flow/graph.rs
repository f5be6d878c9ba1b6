//! The graph's own rules: every target exists, every step is reached
//! from the first, and from every step the procedure can end.

use std::collections::VecDeque;

use super::{FlowError, Kunci, Lanjut, Node};

/// Each step's targets with the labels of their arrows.
pub type Targets = Vec<Vec<(usize, Option<String>)>>;

/// Each step's outgoing targets with their labels; errors for targets that
/// do not exist, point at the step itself, or are missing.
pub fn targets(nodes: &[Node], errors: &mut Vec<FlowError>) -> Targets {
    let n = nodes.len();
    let mut all = Vec::with_capacity(n);
    for (i, node) in nodes.iter().enumerate() {
        let mut out = Vec::new();
        match &node.lanjut {
            Lanjut::Berikut if i + 1 < n => out.push((i + 1, None)),
            Lanjut::Berikut | Lanjut::Selesai => {}
            Lanjut::Ke(t) => {
                if valid(i, *t, n, Kunci::Lanjut, errors) {
                    out.push((*t, None));
                }
            }
            Lanjut::Keputusan {
                ya,
                tidak,
                label_ya,
                label_tidak,
            } => {
                let exits = [
                    (*ya, Kunci::Ya, label_ya, "Ya"),
                    (*tidak, Kunci::Tidak, label_tidak, "Tidak"),
                ];
                out = decision(i, n, exits, errors);
            }
        }
        all.push(out);
    }
    all
}

/// Whether step `i` of `n` may go to step `t`; reports why not.
fn valid(i: usize, t: usize, n: usize, kunci: Kunci, errors: &mut Vec<FlowError>) -> bool {
    let err = |message: String, hint: String| FlowError {
        step: i,
        kunci,
        message,
        hint: Some(hint),
    };
    if t >= n {
        errors.push(err(
            format!(
                "langkah {} menuju langkah {} yang tidak ada (SOP ini punya {n} langkah)",
                i + 1,
                t + 1
            ),
            format!("tulis nomor langkah antara 1 dan {n}"),
        ));
        false
    } else if t == i {
        errors.push(err(
            format!("langkah {} menuju dirinya sendiri", i + 1),
            "tulis nomor langkah lain".into(),
        ));
        false
    } else {
        true
    }
}

/// The two exits of the decision at step `i`, each `(target, key, label,
/// default label)`: both written, valid, and not to one step.
fn decision(
    i: usize,
    n: usize,
    exits: [(Option<usize>, Kunci, &Option<String>, &str); 2],
    errors: &mut Vec<FlowError>,
) -> Vec<(usize, Option<String>)> {
    let mut out = Vec::new();
    for (exit, kunci, label, default) in exits {
        match exit {
            None => errors.push(FlowError {
                step: i,
                kunci: Kunci::Langkah,
                message: format!(
                    "keputusan langkah {} tidak menyebut ke mana `{}` menuju",
                    i + 1,
                    default.to_lowercase()
                ),
                hint: Some(
                    "keputusan butuh dua jalan keluar, misalnya `keputusan: {ya: 5, tidak: 3}`"
                        .into(),
                ),
            }),
            Some(t) => {
                if valid(i, t, n, kunci, errors) {
                    let label = label.clone().unwrap_or_else(|| default.into());
                    out.push((t, Some(label)));
                }
            }
        }
    }
    if let [(Some(y), ..), (Some(t), ..)] = exits
        && y == t
    {
        errors.push(FlowError {
            step: i,
            kunci: Kunci::Tidak,
            message: format!(
                "keputusan langkah {}: `ya` dan `tidak` menuju langkah yang sama",
                i + 1
            ),
            hint: Some(
                "keputusan dengan satu tujuan bukan keputusan: hapus `keputusan` atau ubah salah satu tujuan"
                    .into(),
            ),
        });
    }
    out
}

/// Every step must be reachable from a start (the first step, or one
/// marked `mulai`), and from every step the procedure must be able to end.
pub fn check_reach(targets: &Targets, starts: &[usize], errors: &mut Vec<FlowError>) {
    let n = targets.len();
    let reached = walk(n, starts.iter().copied(), |i| {
        targets[i].iter().map(|(t, _)| *t).collect()
    });
    for i in (1..n).filter(|&i| !reached[i]) {
        errors.push(FlowError {
            step: i,
            kunci: Kunci::Langkah,
            message: format!(
                "langkah {} tidak pernah dicapai: tidak ada panah dari langkah sebelumnya yang menuju ke sana",
                i + 1
            ),
            hint: Some(format!(
                "periksa `lanjut`, `selesai` dan `keputusan` langkah sebelumnya, arahkan salah satunya ke langkah {}, atau tulis `mulai: true` bila prosedur juga dimulai di sana",
                i + 1
            )),
        });
    }
    let mut back: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, out) in targets.iter().enumerate() {
        for (t, _) in out {
            back[*t].push(i);
        }
    }
    let ends: Vec<usize> = (0..n).filter(|&i| targets[i].is_empty()).collect();
    let can_end = walk(n, ends, |i| back[i].clone());
    if let Some(i) = (0..n).find(|&i| reached[i] && !can_end[i]) {
        errors.push(FlowError {
            step: i,
            kunci: Kunci::Langkah,
            message: format!(
                "dari langkah {} prosedur tidak pernah selesai: alurnya berputar tanpa jalan keluar",
                i + 1
            ),
            hint: Some(
                "beri salah satu langkah dalam putaran itu jalan menuju langkah terakhir atau `selesai: true`"
                    .into(),
            ),
        });
    }
}

/// Breadth-first walk: which of `n` nodes are reached from `start`.
fn walk(
    n: usize,
    start: impl IntoIterator<Item = usize>,
    next: impl Fn(usize) -> Vec<usize>,
) -> Vec<bool> {
    let mut seen = vec![false; n];
    let mut queue: VecDeque<usize> = start.into_iter().collect();
    for &s in &queue {
        seen[s] = true;
    }
    while let Some(i) = queue.pop_front() {
        for t in next(i) {
            if !seen[t] {
                seen[t] = true;
                queue.push_back(t);
            }
        }
    }
    seen
}

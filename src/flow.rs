//! The flow graph of one SOP, in plain Rust: which symbol stands in which
//! lane and which arrows join them. Typst only draws what this computes.

use serde::Serialize;

/// The flowchart symbols of the pedoman.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Simbol {
    /// Stadium: first and last step.
    Terminator,
    /// Rectangle: an activity.
    Proses,
    /// Diamond: a decision with two exits.
    Keputusan,
}

/// One step as the flow sees it (0-based step index, 0-based lanes).
#[derive(Debug, Clone)]
pub struct Node {
    pub lanes: Vec<usize>,
    /// `(ya, tidak)` target step indices for a decision.
    pub keputusan: Option<(usize, usize)>,
}

/// An arrow from one step to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The lane of `from` the arrow leaves: the one nearest the target.
    pub from_lane: usize,
    /// The lane of `to` the arrow enters: the one nearest the source.
    pub to_lane: usize,
    /// `Ya` / `Tidak` on a decision's exits.
    pub label: Option<String>,
}

/// What is drawn for one SOP.
#[derive(Debug, Clone)]
pub struct Flow {
    pub symbols: Vec<Simbol>,
    pub edges: Vec<Edge>,
}

/// Computes symbols and arrows; explains in Indonesian what is wrong with a
/// graph that cannot be drawn (1-based step numbers in messages).
pub fn build(nodes: &[Node]) -> Result<Flow, Vec<(usize, String)>> {
    let n = nodes.len();
    let mut errors = Vec::new();
    if n == 0 {
        return Err(vec![(0, "SOP tidak memiliki langkah".into())]);
    }
    let mut symbols = Vec::with_capacity(n);
    let mut edges = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let nearest = |to: usize| {
            let (fl, tl) = nearest_lanes(&node.lanes, &nodes[to].lanes);
            (fl, tl)
        };
        match node.keputusan {
            Some((ya, tidak)) => {
                symbols.push(Simbol::Keputusan);
                for (target, label) in [(ya, "Ya"), (tidak, "Tidak")] {
                    if target >= n {
                        errors.push((i, format!(
                            "keputusan langkah {} menuju langkah {} yang tidak ada (SOP ini punya {} langkah)",
                            i + 1, target + 1, n
                        )));
                        continue;
                    }
                    if target == i {
                        errors.push((
                            i,
                            format!("keputusan langkah {} menuju dirinya sendiri", i + 1),
                        ));
                        continue;
                    }
                    let (from_lane, to_lane) = nearest(target);
                    edges.push(Edge {
                        from: i,
                        to: target,
                        from_lane,
                        to_lane,
                        label: Some(label.into()),
                    });
                }
                if ya == tidak {
                    errors.push((
                        i,
                        format!(
                            "keputusan langkah {}: `ya` dan `tidak` menuju langkah yang sama",
                            i + 1
                        ),
                    ));
                }
            }
            None => {
                symbols.push(if i == 0 || i + 1 == n {
                    Simbol::Terminator
                } else {
                    Simbol::Proses
                });
                if i + 1 < n {
                    let (from_lane, to_lane) = nearest(i + 1);
                    edges.push(Edge {
                        from: i,
                        to: i + 1,
                        from_lane,
                        to_lane,
                        label: None,
                    });
                }
            }
        }
    }
    if n > 0 && nodes[n - 1].keputusan.is_some() {
        errors.push((
            n - 1,
            "langkah terakhir tidak boleh berupa keputusan: prosedur harus berakhir".into(),
        ));
    }
    if errors.is_empty() {
        Ok(Flow { symbols, edges })
    } else {
        Err(errors)
    }
}

/// The pair of lanes, one of each step, closest to each other.
fn nearest_lanes(from: &[usize], to: &[usize]) -> (usize, usize) {
    let mut best = (from[0], to[0]);
    for &a in from {
        for &b in to {
            if a.abs_diff(b) < best.0.abs_diff(best.1) {
                best = (a, b);
            }
        }
    }
    best
}

/// Off-page connector labels: A, B, … Z, AA, AB, … in order of appearance.
pub fn connector_label(i: usize) -> String {
    let mut i = i;
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(lanes: &[usize]) -> Node {
        Node {
            lanes: lanes.to_vec(),
            keputusan: None,
        }
    }

    #[test]
    fn straight_flow_has_terminators_at_both_ends() {
        let f = build(&[node(&[0]), node(&[1]), node(&[2])]).unwrap();
        assert_eq!(
            f.symbols,
            vec![Simbol::Terminator, Simbol::Proses, Simbol::Terminator]
        );
        assert_eq!(f.edges.len(), 2);
        assert_eq!((f.edges[1].from_lane, f.edges[1].to_lane), (1, 2));
    }

    #[test]
    fn shared_step_leaves_from_the_nearest_lane() {
        let f = build(&[node(&[0]), node(&[1, 2]), node(&[3])]).unwrap();
        assert_eq!((f.edges[0].from_lane, f.edges[0].to_lane), (0, 1));
        assert_eq!((f.edges[1].from_lane, f.edges[1].to_lane), (2, 3));
    }

    #[test]
    fn decision_needs_real_targets() {
        let mut d = node(&[1]);
        d.keputusan = Some((9, 0));
        let err = build(&[node(&[0]), d, node(&[0])]).unwrap_err();
        assert!(err[0].1.contains("langkah 10 yang tidak ada"), "{err:?}");
    }

    #[test]
    fn labels_continue_after_z() {
        assert_eq!(connector_label(0), "A");
        assert_eq!(connector_label(25), "Z");
        assert_eq!(connector_label(26), "AA");
    }
}

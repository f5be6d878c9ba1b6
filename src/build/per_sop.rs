//! Every SOP as a PDF of its own, for the court's website, built in
//! parallel on the machine's cores.

use super::passes::{Parts, build_loaded};
use crate::diag::Diagnostics;
use crate::files::slug;

/// One SOP as a PDF of its own.
pub struct SopPdf {
    /// File name without `.pdf`: its number and title.
    pub name: String,
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// Every SOP as its own PDF, spread over the machine's cores.
pub(super) fn per_sop(parts: &Parts) -> Result<Vec<SopPdf>, Diagnostics> {
    let sops = &parts.prepared.content.sops;
    let n = sops.len();
    let workers = std::thread::available_parallelism()
        .map(|w| w.get())
        .unwrap_or(1)
        .min(n.max(1));
    let one = |i: usize| -> Result<(usize, SopPdf), Diagnostics> {
        let out = build_loaded(parts, Some(i))?;
        Ok((
            i,
            SopPdf {
                name: format!("{:02}-{}", i + 1, slug(&sops[i].sop.judul.value)),
                pdf: out.pdf,
                pages: out.pages,
            },
        ))
    };
    let results: Vec<Result<(usize, SopPdf), Diagnostics>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| scope.spawn(move || (w..n).step_by(workers).map(one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an SOP build does not panic"))
            .collect()
    });
    let mut done = Vec::with_capacity(n);
    for r in results {
        done.push(r?);
    }
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, s)| s).collect())
}

//! Every SOP as a PDF of its own, for the court's website, built in
//! parallel on the machine's cores.

use super::passes::{Parts, Rencana, single};
use crate::diag::Diagnostics;
use crate::files::slug;

/// One SOP as a PDF of its own.
pub struct SopPdf {
    /// File name without `.pdf`: its number and title.
    pub name: String,
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// Every SOP as its own PDF under the booklet's plan `rencana`, spread
/// over the machine's cores.
pub(super) fn per_sop(parts: &Parts, rencana: &Rencana) -> Result<Vec<SopPdf>, Diagnostics> {
    let sops = &parts.prepared.content.sops;
    let n = sops.len();
    let workers = std::thread::available_parallelism()
        .map(|w| w.get())
        .unwrap_or(1)
        .min(n.max(1));
    let one = |i: usize| -> Result<(usize, SopPdf), Diagnostics> {
        let (pdf, pages) = single(parts, i, rencana)?;
        Ok((
            i,
            SopPdf {
                name: format!("{:02}-{}", i + 1, slug(&sops[i].sop.judul.value)),
                pdf,
                pages,
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

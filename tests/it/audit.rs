//! The layout audit over every booklet the project ships: each defect
//! kind counted on the laid-out pages.

use crate::common::*;

fn audit(folder: &str) -> bukusop::audit::Laporan {
    let out = build(&root().join(folder));
    println!("{folder}: {} halaman; {}", out.pages, out.audit);
    if std::env::var_os("AUDIT_SEMUA").is_some() {
        for (c, page, w) in &out.audit.cacat {
            println!("    {page}: {}: {w}", c.nama());
        }
        for w in &out.warnings.0 {
            println!("    ! {}", w.headline());
        }
    }
    out.audit
}

#[test]
fn shipped_booklets_audit() {
    for f in [
        "content",
        "examples/pn-tais",
        "examples/pn-bangil",
        "tests/alur",
    ] {
        audit(f);
    }
}

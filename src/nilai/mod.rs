//! Small values that are read from the content and printed in the
//! booklet: dates, NIPs, SOP numbers, durations, lettering. Each parses
//! (with an Indonesian reason when it cannot) and formats; none reports.

pub mod huruf;
pub mod nip;
pub mod nomor;
pub mod tanggal;
pub mod waktu;

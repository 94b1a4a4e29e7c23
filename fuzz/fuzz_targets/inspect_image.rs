#![no_main]
//! The image inspector on arbitrary files: the first 8 bytes claim the file's length (up to
//! 1 PB), the rest are its first bytes, and what lies past them reads as zeros, as in a
//! sparse file. No panic, no loop, and never more than the inspector's read budget.
use importimage_lint::image::{Inspector, MAX_READ, MAX_REQUESTS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let claimed = u64::from_le_bytes(data[..8].try_into().unwrap()) % (1 << 50);
    let head = &data[8..];
    let len = claimed.max(head.len() as u64);
    let mut inspector = Inspector::new(len);
    let (mut read, mut reads) = (0u64, 0usize);
    while let Some(r) = inspector.next_range() {
        assert!(r.len as u64 <= MAX_READ, "a range of {} bytes", r.len);
        let mut bytes = vec![0u8; r.len.min((len - r.offset.min(len)) as usize)];
        let start = r.offset.min(head.len() as u64) as usize;
        let end = (start + bytes.len()).min(head.len());
        if r.offset < head.len() as u64 {
            bytes[..end - start].copy_from_slice(&head[start..end]);
        }
        read += bytes.len() as u64;
        reads += 1;
        assert!(reads <= MAX_REQUESTS + 1, "{reads} reads");
        assert!(read <= MAX_READ + (1 << 20), "{read} bytes read");
        inspector.feed(r.offset, bytes);
    }
    let facts = inspector.finish();
    assert_eq!(facts.file_size, len);
    let _ = importimage_lint::Linter::default().lint_image(&facts, None, None, Some("disk.qcow2"));
});

#![no_main]
//! The image inspector on arbitrary files: the first 8 bytes claim the file's length (up to
//! 1 PB, the low 50 bits) and choose the reader (the top byte), the rest are the file's
//! first bytes, and what lies past them reads as zeros, as in a sparse file. The reader
//! answers each range whole, short (half, or a length that varies read by read), empty, or
//! with more than asked, as files cut while read and hostile readers do. No panic, no loop,
//! no overflow (debug assertions are on), and never more than the inspector's bound.
use importimage_lint::image::{Inspector, MAX_READ, MAX_REQUESTS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let word = u64::from_le_bytes(data[..8].try_into().unwrap());
    let claimed = word % (1 << 50);
    let mode = (word >> 56) % 5;
    let head = &data[8..];
    let len = claimed.max(head.len() as u64);
    let mut inspector = Inspector::new(len);
    let mut reads = 0usize;
    while let Some(r) = inspector.next_range() {
        assert!(r.len as u64 <= MAX_READ, "a range of {} bytes", r.len);
        reads += 1;
        assert!(reads <= MAX_REQUESTS, "{reads} reads");
        let mut bytes = vec![0u8; r.len.min((len - r.offset.min(len)) as usize)];
        let start = r.offset.min(head.len() as u64) as usize;
        let end = (start + bytes.len()).min(head.len());
        if r.offset < head.len() as u64 {
            bytes[..end - start].copy_from_slice(&head[start..end]);
        }
        match mode {
            1 => bytes.truncate(bytes.len() / 2),
            2 => bytes.clear(),
            3 => bytes.extend(std::iter::repeat_n(0x5A, 4096)),
            4 => bytes.truncate(bytes.len() * (reads % 3) / 2),
            _ => {}
        }
        inspector.feed(r.offset, &bytes);
    }
    let facts = inspector.finish();
    assert_eq!(facts.file_size, len);
    assert!(facts.reads <= MAX_REQUESTS && facts.bytes_read <= MAX_READ);
    let _ = serde_json::to_string(&facts).unwrap();
    let _ = importimage_lint::Linter::default().lint_image(&facts, None, None, Some("disk.qcow2"));
});

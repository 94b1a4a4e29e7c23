//! `--ndjson` on every core: the calling thread cuts the input into lines, worker threads
//! lint each on its own ([`Linter::lint_bytes_detached`]) and, taking turns in input order,
//! hand each to the caller's function, which judges it against the batch
//! ([`importimage_lint::Batch::merge`]) and writes it.
//! Lines travel in small chunks, and a chunk is handed on as soon as the input has no more
//! bytes ready, so a program that writes one line and waits gets its answer; the channels
//! are bounded, so memory stays flat however long the input.

use std::io::{self, BufReader, Read};
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex};

use importimage_lint::{Detached, Linter};

use crate::files::read_line_bounded;

/// The most lines in one chunk.
const CHUNK: usize = 256;

/// One input line, linted.
pub(crate) struct Line {
    /// Its 1-based number in the input.
    pub number: usize,
    /// The byte offset of its start in the input.
    pub offset: usize,
    /// Blank, or linted on its own with its text.
    pub content: Content,
}

pub(crate) enum Content {
    /// Only blank space: skipped.
    Blank,
    /// A request: its text (lossily decoded, for excerpts) and its detached report.
    Request(String, Box<Detached>),
}

struct Raw {
    number: usize,
    offset: usize,
    size: usize,
    bytes: Vec<u8>,
}

fn lint(linter: &Linter, max: usize, raw: Raw) -> Line {
    let content = if raw.size <= max && raw.bytes.iter().all(u8::is_ascii_whitespace) {
        Content::Blank
    } else {
        let detached = linter.lint_bytes_detached(&raw.bytes);
        Content::Request(
            String::from_utf8_lossy(&raw.bytes).into_owned(),
            Box::new(detached),
        )
    };
    Line {
        number: raw.number,
        offset: raw.offset,
        content,
    }
}

/// Lints every line of `input` on `threads` threads and calls `each` with each line, in
/// input order.
pub(crate) fn lint_lines<R: Read>(
    input: R,
    linter: &Linter,
    max: usize,
    threads: usize,
    mut each: impl FnMut(Line) -> io::Result<()> + Send,
) -> io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 18, input);
    let mut next_raw = {
        let (mut number, mut offset) = (0usize, 0usize);
        move |reader: &mut BufReader<R>| -> io::Result<Option<Raw>> {
            let mut bytes = Vec::new();
            let Some((size, consumed)) = read_line_bounded(reader, &mut bytes, max)? else {
                return Ok(None);
            };
            number += 1;
            let raw = Raw {
                number,
                offset,
                size,
                bytes,
            };
            offset += consumed;
            Ok(Some(raw))
        }
    };
    if threads <= 1 {
        while let Some(raw) = next_raw(&mut reader)? {
            each(lint(linter, max, raw))?;
        }
        return Ok(());
    }
    let (work_tx, work_rx) = sync_channel::<(u64, Vec<Raw>)>(threads * 2);
    let work_rx = Mutex::new(work_rx);
    // Each worker lints a chunk, then waits for its turn and hands its lines on in order:
    // a report is allocated, judged, written and dropped on one thread.
    let turn = Mutex::new((0u64, &mut each));
    let next_turn = Condvar::new();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (work_rx, turn, next_turn) = (&work_rx, &turn, &next_turn);
            s.spawn(move || -> io::Result<()> {
                loop {
                    let job = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((seq, raws)) = job else { return Ok(()) };
                    let lines: Vec<Line> = raws.into_iter().map(|r| lint(linter, max, r)).collect();
                    let mut state = turn.lock().unwrap_or_else(|e| e.into_inner());
                    while state.0 != seq {
                        state = next_turn.wait(state).unwrap_or_else(|e| e.into_inner());
                    }
                    let mut result = Ok(());
                    for line in lines {
                        if result.is_ok() {
                            result = (state.1)(line);
                        }
                    }
                    state.0 += 1;
                    drop(state);
                    next_turn.notify_all();
                    result?;
                }
            });
        }
        let mut seq = 0u64;
        let mut chunk = Vec::new();
        let read = (|| -> io::Result<()> {
            while let Some(raw) = next_raw(&mut reader)? {
                chunk.push(raw);
                // Hand the chunk on when it is full, or when waiting for more input could
                // keep an interactive caller waiting for its answer.
                if chunk.len() == CHUNK || reader.buffer().is_empty() {
                    if work_tx.send((seq, std::mem::take(&mut chunk))).is_err() {
                        return Ok(());
                    }
                    seq += 1;
                }
            }
            if !chunk.is_empty() {
                let _ = work_tx.send((seq, std::mem::take(&mut chunk)));
            }
            Ok(())
        })();
        drop(work_tx);
        read
    })
}

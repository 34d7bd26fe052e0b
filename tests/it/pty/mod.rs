//! The built binary in a real pseudo-terminal of 120×40, its output read back by a terminal
//! emulator (vt100) on a thread of its own, with the raw bytes kept for inspection.

#![allow(dead_code)]

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// What the program wrote: the raw bytes and the screen they draw.
pub struct Output<CB: vt100::Callbacks> {
    pub bytes: Vec<u8>,
    pub parser: vt100::Parser<CB>,
}

/// A running program and its terminal.
pub struct Pty<CB: vt100::Callbacks> {
    pub master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    pub output: Arc<Mutex<Output<CB>>>,
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

/// The recoupe binary with `TERM` set, ready for arguments and environment.
pub fn recoupe_command() -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_recoupe"));
    cmd.env("TERM", "xterm-256color");
    cmd
}

/// Starts `cmd` in a new pseudo-terminal whose emulator reports to `callbacks`.
pub fn spawn<CB: vt100::Callbacks + Send + 'static>(cmd: CommandBuilder, callbacks: CB) -> Pty<CB> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let child = pair.slave.spawn_command(cmd).expect("spawn recoupe");
    drop(pair.slave);
    let output = Arc::new(Mutex::new(Output {
        bytes: Vec::new(),
        parser: vt100::Parser::new_with_callbacks(nz(ROWS), nz(COLS), 0, callbacks),
    }));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut out = sink.lock().unwrap();
            out.bytes.extend_from_slice(&buf[..n]);
            out.parser.process(&buf[..n]);
        }
    });
    let writer = pair.master.take_writer().unwrap();
    Pty {
        master: pair.master,
        child,
        writer,
        output,
    }
}

/// A test that fails half-way leaves no program running behind it.
impl<CB: vt100::Callbacks> Drop for Pty<CB> {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

impl<CB: vt100::Callbacks> Pty<CB> {
    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until `ready` holds for the screen; panics with the screen after the timeout.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            {
                let out = self.output.lock().unwrap();
                if ready(out.parser.screen()) {
                    return;
                }
                if start.elapsed() > TIMEOUT {
                    panic!(
                        "timed out waiting for {what}; screen:\n{}",
                        out.parser.screen().contents()
                    );
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the program to end; kills it and panics after the timeout.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("recoupe did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Writes `n` one-line articles ("Note 7.") into `dir`, `per_folder` to a sub-folder named
/// by its number: a folder that is slow to list and read, whatever runs on it.
pub fn tiny_files(dir: &std::path::Path, n: usize, per_folder: usize) {
    for i in 0..n {
        let sub = dir.join(format!("{:03}", i / per_folder));
        if i % per_folder == 0 {
            std::fs::create_dir(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{i}.txt")), format!("Note {i}.\n")).unwrap();
    }
}

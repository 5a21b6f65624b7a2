// One small Rust (std only) program for the capture: lab <mode> <host> <port>. `main` returns the io::Error, so
// Rust prints its Debug form ("Error: Os { code: …, kind: …, message: … }"), or .unwrap() panics with it.
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::time::Duration;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (mode, host, port) = (args[1].as_str(), args[2].as_str(), args[3].parse::<u16>()?);
    match mode {
        "connect" => {
            let addr = (host, port).to_socket_addrs()?.next().ok_or("no address")?;
            let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(3))?;
            s.set_read_timeout(Some(Duration::from_secs(3)))?;
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")?;
            let mut buf = [0u8; 1024];
            let n = s.read(&mut buf)?;
            if n == 0 { return Err("connection closed before any reply".into()); }
        }
        "connect-unwrap" => {
            let mut s = TcpStream::connect((host, port)).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut buf = [0u8; 1024];
            s.read(&mut buf).unwrap();
        }
        "bind" => {
            let _l = TcpListener::bind((host, port))?;
            std::thread::sleep(Duration::from_secs(30));
        }
        "bind-unwrap" => {
            let _l = TcpListener::bind((host, port)).unwrap();
            std::thread::sleep(Duration::from_secs(30));
        }
        _ => return Err("unknown mode".into()),
    }
    Ok(())
}

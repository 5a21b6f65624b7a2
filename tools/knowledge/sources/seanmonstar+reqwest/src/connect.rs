                Self::SocksConnect(_) => f.write_str("error connecting to socks proxy"),

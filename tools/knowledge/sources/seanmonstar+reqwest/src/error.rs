            Kind::Request => f.write_str("error sending request")?,
            write!(f, " for url ({url})")?;
        f.write_str("operation timed out")
        f.write_str("error resolving DNS")

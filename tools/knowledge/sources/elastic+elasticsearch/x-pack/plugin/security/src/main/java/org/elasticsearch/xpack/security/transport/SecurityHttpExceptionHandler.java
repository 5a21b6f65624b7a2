            logger.warn("received plaintext http traffic on an https channel, closing connection {}", channel);
            logger.warn("http client did not trust this server's certificate, closing connection {}", channel);

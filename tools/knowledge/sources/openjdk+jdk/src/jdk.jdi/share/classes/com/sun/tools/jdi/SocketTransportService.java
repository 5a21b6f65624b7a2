                throw new IOException("handshake failed - connection prematurally closed");
                throw new IOException("handshake failed - unrecognized message from target VM");
            throw new TransportTimeoutException("timed out trying to establish connection");

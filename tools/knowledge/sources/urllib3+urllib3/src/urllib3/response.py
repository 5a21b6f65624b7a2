                raise ProtocolError(f"Connection broken: {e!r}", e) from e

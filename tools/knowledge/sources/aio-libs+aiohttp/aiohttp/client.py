        raise ConnectionTimeoutError(f"Connection timeout to host {req.url}") from exc

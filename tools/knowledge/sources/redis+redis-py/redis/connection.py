            e = TimeoutError("Timeout connecting to server")
            raise ConnectionError(f"Error while reading from {host_error}: {e.args}")
            raise TimeoutError(f"Timeout reading from {host_error}")

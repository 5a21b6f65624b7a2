                self, url, f"Read timed out. (read timeout={timeout_value})"
                new_e = ProtocolError("Connection aborted.", new_e)

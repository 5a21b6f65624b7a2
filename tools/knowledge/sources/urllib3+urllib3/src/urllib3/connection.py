                f"Connection to {self.host} timed out. (connect timeout={self.timeout})",
                self, f"Failed to establish a new connection: {e}"

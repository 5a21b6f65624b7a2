                        f"Port {port} is in use by another program. Either identify and"
                        " stop that program, or start the server with a different"
                        " port.",
                            "On macOS, try searching for and disabling"
                            " 'AirPlay Receiver' in System Settings.",
                messages.append(f" * Running on all addresses ({self.host})")
                messages.append(f" * Running on {scheme}://{localhost}:{self.port}")

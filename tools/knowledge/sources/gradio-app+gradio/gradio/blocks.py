    raise OSError(f"Cannot find empty port in range: {start}-{start + try_count - 1}.")
                    s = "* Running on local URL:  {}://{}:{}"
                    f"Couldn't start the app because '{resp.url}' failed (code {resp.status_code}). Check your network or proxy settings to ensure localhost is accessible."
                "When localhost is not accessible, a shareable link must be created. Please set share=True or check your proxy settings to allow access to localhost."

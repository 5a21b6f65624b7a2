        msg = "Unsupported upgrade request."
            msg = "No supported WebSocket library detected. Please use \"pip install 'uvicorn[standard]'\", or install 'websockets' or 'wsproto' manually."  # noqa: E501
                msg = "Invalid HTTP request received."

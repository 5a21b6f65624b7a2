                    msg = "Server disconnected without sending a response."

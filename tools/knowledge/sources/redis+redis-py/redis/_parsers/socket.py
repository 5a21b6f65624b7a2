SERVER_CLOSED_CONNECTION_ERROR = "Connection closed by server."

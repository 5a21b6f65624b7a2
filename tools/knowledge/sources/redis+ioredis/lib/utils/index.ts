export const CONNECTION_CLOSED_ERROR_MSG = "Connection is closed.";

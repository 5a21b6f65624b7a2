    code = "P1001",
    message = "\
Can't reach database server at `{database_host}`:`{database_port}`

Please make sure your database server is running at `{database_host}`:`{database_port}`."
    code = "P1002",
The database server at `{database_host}`:`{database_port}` was reached but timed out.
#[user_facing(code = "P1011", message = "Error opening a TLS connection: {message}")]
#[user_facing(code = "P1017", message = "Server has closed the connection.")]

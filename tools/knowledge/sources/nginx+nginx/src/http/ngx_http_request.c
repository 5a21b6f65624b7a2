                          "client sent plain HTTP request to HTTPS port");

        return "Cannot connect to host {0.host}:{0.port} ssl:{1} [{2}]".format(
        return "Cannot connect to unix socket {0.path} ssl:{1} [{2}]".format(
            message = "Server disconnected"

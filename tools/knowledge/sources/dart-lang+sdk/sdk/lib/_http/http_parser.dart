            new HttpException("Connection closed while receiving data"));
            "Connection closed before full header was received"));
          "Connection closed before full header was received"));
          new HttpException("Connection closed before full body was received"));

        {"R_connectionTimedOut","连接超时: 无其他信息"},
        {"R_tcpOpenFailed","{0}。请验证连接属性。确保 SQL Server 的实例正在主机上运行，且在此端口接受 TCP/IP 连接，还要确保防火墙没有阻止到此端口的 TCP 连接。"},
        {"R_noServerResponse","SQL Server 未返回响应。连接已关闭。"},
        {"R_tcpipConnectionFailed","通过端口 {1} 连接到主机 {0} 的 TCP/IP 连接失败。错误:“{2}”。"},

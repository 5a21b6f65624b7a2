        {"R_connectionTimedOut","Tempo limite da conexão expirado: não há informações adicionais"},
        {"R_tcpOpenFailed","{0}. Verifique as propriedades da conexão. Verifique se uma instância do SQL Server está sendo executada no host e se está aceitando conexões TCP/IP na porta. Verifique se as conexões TCP na porta não foram bloqueadas por um firewall."},
        {"R_noServerResponse","O SQL Server não retornou uma resposta. A conexão foi fechada."},
        {"R_tcpipConnectionFailed","Falha na conexão TCP/IP com o host {0}, porta {1}. Erro: \"{2}\"."},

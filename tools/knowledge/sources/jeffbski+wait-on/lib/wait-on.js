const TIMEOUT_ERR_MSG = 'Timed out waiting for';
        output(`  timed out connecting to TCP host:${host} port:${port} tcpTimeout:${tcpTimeout}ms`);

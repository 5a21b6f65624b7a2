        {"R_connectionTimedOut","Se agotó el tiempo de espera de la conexión: no hay más información"},
        {"R_tcpOpenFailed","{0}. Verifique las propiedades de conexión, compruebe que hay una instancia de SQL Server ejecutándose en el host y aceptando las conexiones TCP/IP en el puerto y compruebe que no hay ningún firewall bloqueando las conexiones TCP en el puerto."},
        {"R_noServerResponse","SQL Server no devolvió una respuesta. Se ha cerrado la conexión."},
        {"R_tcpipConnectionFailed","No se pudo realizar la conexión TCP/IP al host {0}, puerto {1}. Error: \"{2}\"."},

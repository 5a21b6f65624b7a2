        {"R_connectionTimedOut","연결 시간 초과: 추가 정보 없음"},
        {"R_tcpOpenFailed","{0}. 연결 속성을 확인하십시오. SQL Server의 인스턴스가 호스트에서 실행되고 있고 포트에서 TCP/IP 연결을 허용하고 있는지 확인하십시오. 또한 방화벽에서 포트로의 TCP 연결을 차단하지 않는지 확인하십시오."},
        {"R_noServerResponse","SQL Server에서 응답을 반환하지 않았습니다. 연결이 닫혔습니다."},
        {"R_tcpipConnectionFailed","호스트 {0}, 포트 {1}에 대한 TCP/IP 연결에 실패했습니다. 오류: \"{2}\"."},

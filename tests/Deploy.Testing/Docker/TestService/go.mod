module deploy.test/service

go 1.19

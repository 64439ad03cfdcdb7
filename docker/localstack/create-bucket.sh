#!/bin/bash
# LocalStack init hook (mounted into /etc/localstack/init/ready.d/): creates Trainyard's bucket once S3 is ready.
# The bucket name is TRAINYARD_STORE_S3_BUCKET of the trainyard service in ../compose.yaml.
set -euo pipefail
bucket=trainyard
if awslocal s3api head-bucket --bucket "$bucket" 2>/dev/null; then
	echo "bucket $bucket exists"
else
	awslocal s3api create-bucket --bucket "$bucket"
	echo "bucket $bucket created"
fi

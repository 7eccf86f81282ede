<trans>
// $orderCount is counted by the "reference" formula of the transformation
WriteToOperationLog($orderCount + " orders written to " + $outputName + ".json")
</trans>

using System.Runtime.InteropServices;
using Google.Protobuf;
using HybridInference.Training.Nn;
using Onnx;

namespace HybridInference.Training.Onnx;

/// <summary>
/// Writes a <see cref="Network"/> as an ONNX graph with the <see cref="OnnxContract"/> signature:
/// Gemm/Relu for dense layers, Conv/Relu/MaxPool for convolutional ones, Reshape/Flatten between the two
/// layouts, and a final Softmax. Nothing time- or machine-dependent goes into the file, so the same
/// parameters always give the same bytes.
/// </summary>
public static class OnnxExporter
{
    public static ModelProto ToModel(Network network, string graphName, string docString)
    {
        ArgumentNullException.ThrowIfNull(network);
        var graph = new GraphProto { Name = graphName, DocString = docString };
        graph.Input.Add(MatrixValue(OnnxContract.InputName, network.InputSize));
        graph.Output.Add(MatrixValue(OnnxContract.OutputName, network.OutputSize));

        var current = OnnxContract.InputName;
        var spatial = false;
        for (var i = 0; i < network.Layers.Count; i++)
        {
            var prefix = $"l{i}";
            var parameters = network.LayerParameters(i);
            switch (network.Layers[i])
            {
                case DenseLayer dense:
                    if (spatial)
                    {
                        current = AddNode(graph, "Flatten", $"{prefix}_flatten", [current], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
                        spatial = false;
                    }

                    graph.Initializer.Add(Tensor($"{prefix}_W", parameters[..dense.WeightCount], dense.OutputSize, dense.InputSize));
                    graph.Initializer.Add(Tensor($"{prefix}_B", parameters[dense.WeightCount..], dense.OutputSize));
                    current = AddNode(graph, "Gemm", $"{prefix}_gemm", [current, $"{prefix}_W", $"{prefix}_B"], new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
                    break;
                case ReluLayer:
                    current = AddNode(graph, "Relu", $"{prefix}_relu", [current]);
                    break;
                case Conv2dLayer conv:
                    if (!spatial)
                    {
                        current = Reshape(graph, prefix, current, conv.InChannels, conv.Side);
                        spatial = true;
                    }

                    graph.Initializer.Add(Tensor($"{prefix}_W", parameters[..conv.WeightCount], conv.OutChannels, conv.InChannels, conv.Kernel, conv.Kernel));
                    graph.Initializer.Add(Tensor($"{prefix}_B", parameters[conv.WeightCount..], conv.OutChannels));
                    current = AddNode(
                        graph,
                        "Conv",
                        $"{prefix}_conv",
                        [current, $"{prefix}_W", $"{prefix}_B"],
                        Ints("kernel_shape", conv.Kernel, conv.Kernel),
                        Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding));
                    break;
                case MaxPool2dLayer pool:
                    if (!spatial)
                    {
                        current = Reshape(graph, prefix, current, pool.Channels, pool.Side);
                        spatial = true;
                    }

                    current = AddNode(graph, "MaxPool", $"{prefix}_maxpool", [current], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
                    break;
                default:
                    throw new NotSupportedException($"no ONNX export for {network.Layers[i].GetType().Name}");
            }
        }

        if (spatial)
        {
            current = AddNode(graph, "Flatten", "out_flatten", [current], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        }

        graph.Node.Add(new NodeProto
        {
            Name = "softmax",
            OpType = "Softmax",
            Input = { current },
            Output = { OnnxContract.OutputName },
            Attribute = { new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 } },
        });

        var model = new ModelProto
        {
            IrVersion = OnnxContract.IrVersion,
            ProducerName = "HybridInference.Training",
            ProducerVersion = "1",
            DocString = docString,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OnnxContract.OpsetVersion });
        return model;
    }

    public static byte[] ToBytes(Network network, string graphName, string docString) => ToModel(network, graphName, docString).ToByteArray();

    private static string AddNode(GraphProto graph, string opType, string name, string[] inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { Name = name, OpType = opType, Output = { name } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return name;
    }

    private static string Reshape(GraphProto graph, string prefix, string input, int channels, int side)
    {
        var shapeName = $"{prefix}_shape";
        var shape = new TensorProto { Name = shapeName, DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 4 } };
        shape.Int64Data.AddRange([-1, channels, side, side]);
        graph.Initializer.Add(shape);
        return AddNode(graph, "Reshape", $"{prefix}_reshape", [input, shapeName]);
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static TensorProto Tensor(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        // Raw little-endian bytes: compact, and exactly the floats the trainer used.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian");
        }

        var tensor = new TensorProto
        {
            Name = name,
            DataType = (int)TensorProto.Types.DataType.Float,
            RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)),
        };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static ValueInfoProto MatrixValue(string name, int columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = OnnxContract.BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }
}
